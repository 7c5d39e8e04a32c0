package io.countersign.bench;

import io.countersign.analysis.diff.Differ;
import io.countersign.analysis.lint.Linter;
import io.countersign.analysis.replay.Replayer;
import io.countersign.analysis.report.Finding;
import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Times policy analysis (not a test): lint and diff on the example policies and on generated sets of
 * 1,000 rules, and replay of 100,000 stored requests. Run with
 * {@code java -cp bench/target/benchmarks.jar io.countersign.bench.AnalysisReport [policies-dir] [rules]}.
 */
public final class AnalysisReport {

    private AnalysisReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "policies");
        int rules = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<SourceFile> examples = new ArrayList<>();
        for (Path p : PolicySources.find(List.of(dir))) {
            examples.add(PolicySources.read(p));
        }
        PolicySet example = PolicySet.of(examples);
        PolicySet edited = PolicySet.of(edit(examples));
        // The first analysis in a JVM loads Z3's native library: reported apart.
        time("lint, example policies (first in the JVM)", () -> Linter.lint(example).size() + " findings");
        time("lint, example policies", () -> Linter.lint(example).size() + " findings");
        time("diff, example policies (one rule edited)", () -> Differ.diff(example, edited).classes().size() + " classes");
        PolicySet big = PolicySet.of(GeneratedPolicies.policies(rules, true));
        PolicySet bigEdited = PolicySet.of(edit(GeneratedPolicies.policies(rules, true)));
        long t = time("lint, " + rules + " generated rules", () -> {
            List<Finding> f = Linter.lint(big);
            return f.size() + " findings";
        });
        System.out.printf("    %.1f ms cpu per rule%n", t / 1e6 / rules);
        t = time("diff, " + rules + " generated rules (10 edited)", () -> {
            Differ.Report r = Differ.diff(big, bigEdited);
            return r.classes().size() + " classes, " + r.solverCalls() + " solver calls, complete " + r.complete();
        });
        System.out.printf("    %.1f ms cpu per rule%n", t / 1e6 / rules);
        replay(100_000);
    }

    /** The example set with the production admin quorum lowered, as the worked example of docs/reviewing-policy-changes.md. */
    static List<SourceFile> edit(List<SourceFile> files) {
        List<SourceFile> out = new ArrayList<>();
        for (SourceFile f : files) {
            String text = f.text().replace("from 2 of group \"sre-leads\"", "from 1 of group \"sre-leads\"");
            // generated sets: the first ten teams let their on-call rules run 8h instead of 4h
            if (f.path().compareTo("team-00010") < 0) {
                text = text.replace("\" and duration <= 4h\n", "\" and duration <= 8h\n");
            }
            out.add(new SourceFile(f.path(), text));
        }
        return out;
    }

    interface Work {
        String run() throws Exception;
    }

    /**
     * Runs and prints wall and CPU time (the process's, Z3's native work, the JIT and the collector
     * included). On a machine shared with other builds, CPU time is the number that compares.
     */
    static long time(String what, Work w) throws Exception {
        // the whole process's CPU: lint and diff run on a thread of their own (a deep stack for Z3)
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        String result = w.run();
        long took = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - c0;
        System.out.printf("%-50s %8.0f ms wall %8.0f ms cpu  (%s)%n", what, took / 1e6, cpu / 1e6, result);
        return cpu;
    }

    static void replay(int n) throws Exception {
        // the history is made without keys: the generated policies accept unsigned requests
        List<SourceFile> generated = new ArrayList<>();
        for (SourceFile f : GeneratedPolicies.policies(100, true)) {
            generated.add(new SourceFile(f.path(), f.text().replaceAll("(?m)^(policy [^{]+\\{)$", "$1\n  allow unsigned decisions")));
        }
        PolicySet before = PolicySet.of(generated);
        PolicySet after = PolicySet.of(edit(generated));
        MemoryStore store = new MemoryStore();
        List<AccessRequest> requests = GeneratedPolicies.requests(100, n, 42);
        Instant[] now = {Instant.parse("2026-01-05T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        long t0 = System.nanoTime();
        try (Authorizer a = Authorizer.of(before)) {
            // The replay's store lists by status only; precedents (a listing by profile) are not what is measured.
            Workflow w = new Workflow(a, store, Directory.EMPTY, clock)
                    .withPrecedents(io.countersign.engine.precedent.PrecedentSettings.NONE);
            int i = 0;
            int refused = 0;
            for (AccessRequest r : requests) {
                now[0] = now[0].plusSeconds(41);
                try {
                    w.submit(new AccessRequest("r" + i++, r.requester(), r.groups(), r.attributes(), r.profile(),
                            r.permissions(), r.duration(), null, r.justification(), r.ticket(), r.context(), null));
                } catch (io.countersign.engine.workflow.RefusedException e) {
                    refused++; // no rule decides it, so no policy accepts it unsigned: not stored
                }
            }
            System.out.printf("    (%d of %d requests refused unsigned: no rule decides them)%n", refused, n);
        }
        System.out.printf("%-50s %8.0f ms%n", "(submitting " + n + " requests to the memory store)",
                (System.nanoTime() - t0) / 1e6);
        Replayer.Report r = Replayer.replay(store, after, null, null);
        System.out.printf("%-50s %8d ms  (%d replayed, %d changed, %d kinds)%n", "replay, " + n + " stored requests",
                r.took().toMillis(), r.replayed(), r.changed(), r.changes().size());
        System.out.printf("    %.1f µs per request%n", r.took().toNanos() / 1e3 / Math.max(1, r.replayed()));
        if (r.took().compareTo(Duration.ofMinutes(1)) > 0) {
            System.out.println("    over the minute the issue allows");
        }
    }
}
