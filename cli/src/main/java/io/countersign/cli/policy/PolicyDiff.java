package io.countersign.cli.policy;

import io.countersign.analysis.diff.ChangeClass;
import io.countersign.analysis.diff.Differ;
import io.countersign.analysis.encode.Opaque;
import io.countersign.analysis.report.Finding;
import io.countersign.analysis.report.FindingWriter;
import io.countersign.analysis.report.Format;
import io.countersign.analysis.report.Level;
import io.countersign.analysis.report.Terminal;
import io.countersign.cli.Main;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign policy diff OLD NEW} and {@code countersign policy diff --base REV DIR}. */
@Command(name = "diff",
        header = "Show the decisions that change between two policy sets, with examples.",
        mixinStandardHelpOptions = true,
        description = {
            "The decisions two policy sets make differently, over every valid request (2000-2100): each kind",
            "of change once (\"approved at once -> needs 2 of group:sre-leads\", \"denied -> approved at once\",",
            "quorum or grant widened or narrowed), with example requests replayed through both sets' reference",
            "evaluators. Renaming rules or rewording denials is not a change. Predicates outside the decidable",
            "core (a regex beyond the regular subset, say) are listed: changes they decide may be missing."},
        footer = {"",
            "Examples:",
            "  countersign policy diff old-policies/ policies/",
            "  countersign policy diff --base main policies/        # the policies at main against the working tree",
            "",
            "Exit codes: 0 done (1 with --exit-code when some decision changes), 2 invalid policies or input."})
public final class PolicyDiff implements Callable<Integer> {

    @Parameters(arity = "1..2", paramLabel = "OLD NEW", description = "Two policy directories; with --base, one (NEW).")
    List<Path> paths;

    @Option(names = "--base", paramLabel = "REV", description = "Compare the policies of NEW at git revision REV with NEW.")
    String base;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif (2.1.0) or github (workflow annotations).")
    Format format;

    @Option(names = "--exit-code", description = "Exit 1 when some decision changes (like git diff --exit-code).")
    boolean exitCode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        io.countersign.analysis.smt.Analysis.preload(); // the solver's library loads while the policies are read
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (base == null && paths.size() != 2 || base != null && paths.size() != 1) {
            err.println("countersign: policy diff takes OLD and NEW, or --base REV and one directory");
            return Main.EXIT_BAD_INPUT;
        }
        Path newer = paths.get(paths.size() - 1);
        List<SourceFile> oldSources;
        String oldName;
        if (base != null) {
            try {
                oldSources = GitTree.read(newer, base);
            } catch (GitTree.Failure e) {
                err.println("countersign: " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            oldName = newer + " at " + base;
        } else {
            Optional<List<SourceFile>> s = PolicyFiles.readAll(List.of(paths.get(0)), err);
            if (s.isEmpty()) {
                return Main.EXIT_BAD_INPUT;
            }
            oldSources = s.get();
            oldName = paths.get(0).toString();
        }
        Optional<List<SourceFile>> newSources = PolicyFiles.readAll(List.of(newer), err);
        if (newSources.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        PolicySet before = compile(oldSources, oldName, err);
        PolicySet after = compile(newSources.get(), newer.toString(), err);
        if (before == null || after == null) {
            return Main.EXIT_BAD_INPUT;
        }
        Differ.Report report = Differ.diff(before, after);
        switch (format) {
            case text -> out.print(text(report, oldName, newer.toString()));
            case json -> out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(report)));
            default -> out.print(FindingWriter.write(format, "countersign policy diff", List.of(
                    new FindingWriter.Rule("CS-D001", "decision-change", "a kind of request the new policies decide"
                            + " differently", Level.NOTE),
                    new FindingWriter.Rule("CS-L011", "outside-core", "a predicate outside the decidable core",
                            Level.NOTE)), findings(report, before, after)));
        }
        out.flush();
        return exitCode && !report.classes().isEmpty() ? 1 : 0;
    }

    private static PolicySet compile(List<SourceFile> sources, String name, PrintWriter err) {
        try {
            return PolicySet.of(sources);
        } catch (PolicySetException e) {
            err.println("countersign: the policies of " + name + " have errors:");
            err.print(e.result().render());
            return null;
        }
    }

    static String text(Differ.Report r, String oldName, String newName) {
        StringBuilder b = new StringBuilder();
        int n = r.classes().size();
        b.append(n == 0 ? "No decision changes" : n + (n == 1 ? " kind of decision changes" : " kinds of decision change"))
                .append(" from ").append(Terminal.safe(oldName)).append(" to ").append(Terminal.safe(newName))
                .append(n == 0 ? ".\n" : ":\n");
        for (ChangeClass c : r.classes()) {
            b.append('\n').append("  ").append(Terminal.safe(c.title())).append('\n');
            b.append("    decided by ").append(rules(c.rulesBefore())).append(" before, ").append(rules(c.rulesAfter()))
                    .append(" now\n");
            for (String e : c.exampleSummaries()) {
                b.append("    e.g. ").append(Terminal.safe(e)).append('\n');
            }
        }
        if (!r.outsideCore().isEmpty()) {
            b.append("\nOutside the decidable core (changes that depend on these may be missing):\n");
            for (Opaque o : r.outsideCore()) {
                b.append("  ").append(o.loc().position()).append(": ").append(Terminal.safe(o.text())).append(" (")
                        .append(o.reason()).append(")\n");
            }
        }
        if (!r.unconfirmed().isEmpty()) {
            b.append("\n").append(r.unconfirmed().size()).append(" example(s) the solver found were decided alike by"
                    + " both evaluators (they rely on the predicates above).\n");
        }
        if (!r.complete()) {
            b.append("\nIncomplete: ").append(r.incomplete()).append(".\n");
        }
        return b.toString();
    }

    private static String rules(List<String> ids) {
        return ids.isEmpty() ? "no rule" : String.join(", ", ids);
    }

    static Map<String, Object> json(Differ.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (ChangeClass c : r.classes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("before", c.before());
            x.put("after", c.after());
            x.put("how", c.how());
            x.put("rulesBefore", c.rulesBefore());
            x.put("rulesAfter", c.rulesAfter());
            x.put("examples", c.examples());
            classes.add(x);
        }
        m.put("changes", classes);
        List<Map<String, Object>> outside = new ArrayList<>();
        for (Opaque o : r.outsideCore()) {
            outside.add(Map.of("file", o.loc().file(), "line", o.loc().line(), "column", o.loc().column(),
                    "predicate", o.text(), "reason", o.reason()));
        }
        m.put("outsideCore", outside);
        m.put("unconfirmed", r.unconfirmed());
        m.put("complete", r.complete());
        if (!r.complete()) {
            m.put("incomplete", r.incomplete());
        }
        return m;
    }

    /** Each class as a note at the rule that decides its first example now (or before, when none does now). */
    static List<Finding> findings(Differ.Report r, PolicySet before, PolicySet after) {
        List<Finding> out = new ArrayList<>();
        for (ChangeClass c : r.classes()) {
            Loc loc = locate(after, c.rulesAfter()).or(() -> locate(before, c.rulesBefore()))
                    .orElse(after.files().isEmpty() ? Loc.NONE : new Loc(after.files().get(0).path(), 1, 1, 1, 1, 0, 0));
            out.add(new Finding("CS-D001", "decision-change", Level.NOTE, loc, c.title(),
                    c.examples().isEmpty() ? null : c.examples().get(0), true));
        }
        for (Opaque o : r.outsideCore()) {
            out.add(new Finding("CS-L011", "outside-core", Level.NOTE, o.loc(), "'" + o.text()
                    + "' is outside the decidable core (" + o.reason() + "): changes it decides may be missing", null,
                    true));
        }
        return out;
    }

    private static Optional<Loc> locate(PolicySet set, List<String> ids) {
        for (String id : ids) {
            for (PolicySet.RuleEntry e : set.rules()) {
                if (e.id().equals(id)) {
                    return Optional.of(e.rule().loc());
                }
            }
            for (PolicySet.PolicyEntry p : set.policies()) {
                if (id.equals(p.name() + "/default") || id.equals(p.name() + "/scope")) {
                    return Optional.of(p.defaultOutcome().map(o -> o.loc()).orElse(p.policy().loc()));
                }
            }
        }
        return Optional.empty();
    }
}
