package io.countersign.cli.policy;

import io.countersign.analysis.replay.Replayer;
import io.countersign.analysis.report.Terminal;
import io.countersign.cli.Main;
import io.countersign.cli.request.InstantConverter;
import io.countersign.cli.request.Session;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy replay --policies DIR [--since I] [--until I]}. */
@Command(name = "replay",
        header = "Replay the stored requests against a policy set and report what changes.",
        mixinStandardHelpOptions = true,
        description = {
            "Decide the store's recorded requests again with the policies under DIR, each as it was asked",
            "(the requester's groups and attributes as stored, at the instant it was submitted), and report",
            "how many decisions change, how, and which requests show it. Read page by page: memory does not",
            "grow with the store."},
        footer = {"",
            "Example:",
            "  $ countersign policy replay --policies policies/ --since 2026-02-01T00:00:00Z",
            "  1 request replayed: 1 decided differently (0 invalid now)",
            "          1  approved at once with conditions → needs 1 of group:sre-leads",
            "             e.g. 7c1e4d2a-0b93-4f6e-9a1c-3d5e7f9b2a40",
            "",
            "Exit codes: 0 done (1 with --exit-code when some decision changes), 2 invalid policies or input."})
public final class PolicyReplay implements Callable<Integer> {

    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "The policy set to replay against.")
    Path policies;

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only requests submitted at or after INSTANT (2026-03-01T00:00:00Z).")
    OffsetDateTime since;

    @Option(names = "--until", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only requests submitted before INSTANT.")
    OffsetDateTime until;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    String format;

    @Option(names = "--exit-code", description = "Exit 1 when some decision changes.")
    boolean exitCode;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("countersign: --format " + Terminal.safe(format) + ": expected text or json");
            return Main.EXIT_BAD_INPUT;
        }
        if (since != null && until != null && !since.isBefore(until)) {
            err.println("countersign: --since must be before --until");
            return Main.EXIT_BAD_INPUT;
        }
        LoadedPolicies loaded = LoadedPolicies.of(policies, err);
        if (loaded == null) {
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        Replayer.Report report;
        try (Session s = Session.reading(store.location())) {
            report = Replayer.replay(s.store(), loaded.set(), instant(since), instant(until));
        } catch (StoreException e) {
            err.println("countersign: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (format.equals("json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("replayed", report.replayed());
            m.put("changed", report.changed());
            m.put("invalid", report.invalid());
            m.put("changes", report.changes());
            m.put("millis", report.took().toMillis());
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
        } else {
            out.print(text(report));
        }
        out.flush();
        return exitCode && report.changed() > 0 ? 1 : 0;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String text(Replayer.Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(java.util.Locale.ROOT, "%,d %s replayed: %,d decided differently (%,d invalid now)%n",
                r.replayed(), r.replayed() == 1 ? "request" : "requests", r.changed(), r.invalid()));
        for (Replayer.Change c : r.changes()) {
            b.append(String.format(java.util.Locale.ROOT, "  %,7d  %s%n", c.count(), Terminal.safe(c.title())));
            b.append("           e.g. ").append(Terminal.safe(String.join(", ", c.requestIds()))).append('\n');
        }
        return b.toString();
    }
}
