package io.countersign.cli.policy;

import io.countersign.cli.text.JsonLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.Countersign;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.json.Json;
import io.countersign.lang.parse.DurationText;
import io.countersign.lang.source.TextFiles;
import io.countersign.engine.policytest.ReportText;
import io.countersign.engine.reference.Explanation;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy explain --policies DIR --request FILE|-}. */
@Command(name = "explain",
        header = "Decide one request and say why, rule by rule.",
        mixinStandardHelpOptions = true,
        description = {
            "Decide one request and say why: the outcome, the risk with its factors, and for every rule",
            "whether it matched, did not match, or could not be evaluated, with the first predicate that",
            "failed and where it is written."},
        footer = {"",
            "Example:",
            "  $ echo '{\"requester\":\"carol\",\"profile\":\"prod-admin\",\"duration\":\"2h\",\"at\":\"2026-03-02T09:00:00Z\"}' \\",
            "      | countersign policy explain --policies policies --request -",
            "  denied: Denied by contractors/sensitive-profiles: Contractors may not hold sensitive profiles; ...",
            "  risk 100, production/contractor +40, production/no-ticket +25, production/no-mfa +30, ...",
            "  break-glass/scope: not matched: profile matches \"breakglass-*\" is false at ...",
            "  office-hours/scope: matched",
            "  ...",
            "",
            "Exit codes: 0 explained, 2 invalid policies or request."})
public final class PolicyExplain implements Callable<Integer> {

    @Option(names = "--request", paramLabel = "FILE", required = true,
            description = "The request as JSON; - reads standard input.")
    String request;

    @CommandLine.Mixin
    PolicyDir policies;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Path dir = policies.path();
        LoadedPolicies loaded = LoadedPolicies.of(dir, err);
        if (loaded == null) {
            return 2;
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(YamlDirectory.FILE))) {
            err.println("countersign: warning: " + dir + " has no " + YamlDirectory.FILE
                    + ": the request's own groups and attributes are all the policies see");
        }
        AccessRequest r = Requests.read(request, err);
        if (r == null) {
            return 2;
        }
        Explanation x;
        try {
            try (Countersign cs = Countersign.builder().policies(loaded.loaded()).mode(Countersign.Mode.SCAN)
                    .build()) {
                x = cs.explain(r);
            }
        } catch (InvalidRequestException e) {
            err.println("countersign: invalid request: " + e.getMessage());
            return 2;
        }
        if (output.json()) {
            out.println(JsonLine.of(x));
            return 0;
        }
        Evaluation e = x.evaluation();
        StringBuilder text = new StringBuilder();
        text.append(e.outcome()).append(": ").append(e.rationale()).append('\n');
        if (e.outcome().grants()) {
            text.append("granted ").append(DurationText.format(e.duration())).append(e.permissions().isEmpty() ? ""
                    : " of " + e.permissions()).append('\n');
        }
        e.stages().forEach(s -> text.append("stage: ").append(s.need()).append(" of ").append(s.from()).append('\n'));
        text.append("risk ").append(e.risk().score());
        e.risk().factors().forEach(f -> text.append(", ").append(f.id()).append(f.weight() < 0 ? " " : " +")
                .append(f.weight()));
        text.append('\n');
        ReportText.explain(x, "", text);
        out.print(text);
        return 0;
    }

    /** Reading requests from a file or standard input. */
    static final class Requests {
        private Requests() {
        }

        /** The text of a file, or of standard input for {@code -}: bounded, strict UTF-8. */
        static String text(String source) throws IOException {
            return "-".equals(source) ? TextFiles.read(System.in, name(source)) : TextFiles.read(Path.of(source));
        }

        /** How messages name the source. */
        static String name(String source) {
            return "-".equals(source) ? "standard input" : source;
        }

        static AccessRequest read(String source, PrintWriter err) {
            try {
                return Json.mapper().readValue(text(source), AccessRequest.class);
            } catch (JsonProcessingException e) {
                err.println("countersign: invalid request: " + Json.describeAt(name(source), e));
            } catch (IOException e) {
                err.println("countersign: " + e.getMessage());
            }
            return null;
        }
    }
}
