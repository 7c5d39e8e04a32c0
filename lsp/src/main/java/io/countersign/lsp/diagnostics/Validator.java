package io.countersign.lsp.diagnostics;

import io.countersign.lang.Frontend;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.symbols.Kind;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.ParsedFile;
import io.countersign.lsp.workspace.PolicySetModel;
import io.countersign.lsp.workspace.Uris;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * Checks a set a short while after its last edit and publishes what changed. One thread checks, so
 * checks never pile up: an edit during a check makes it give up at its next step, and the check the
 * edit scheduled runs next. The wait grows with the size of the largest file a little, so that typing
 * in a very large file does not start a parse on every keystroke.
 */
public final class Validator implements AutoCloseable {

    private final int debounceMillis;
    private final Consumer<PublishDiagnosticsParams> publish;
    private final Consumer<String> log;
    private final List<DiagnosticSource> sources;
    private final ScheduledThreadPoolExecutor checker = new ScheduledThreadPoolExecutor(1, daemon("check"));
    private final ExecutorService extra = Executors.newSingleThreadExecutor(daemon("extra-diagnostics"));
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** What was last published per file, and which files each set published for. */
    private final Map<Path, List<Diagnostic>> published = new ConcurrentHashMap<>();
    private final Map<Path, Set<Path>> filesOfSet = new ConcurrentHashMap<>();
    /** Findings of the extra sources per file, for the generation they were made at. */
    private final Map<Path, List<Diagnostic>> extraFindings = new ConcurrentHashMap<>();
    /** Results of running test cases, per test file, while its text is what they ran on. */
    private final Map<Path, RunResults> runResults = new ConcurrentHashMap<>();

    private record RunResults(String text, List<Diagnostic> diagnostics) {
    }

    private volatile boolean closed;

    public Validator(int debounceMillis, List<DiagnosticSource> sources, Consumer<PublishDiagnosticsParams> publish,
            Consumer<String> log) {
        this.debounceMillis = debounceMillis;
        this.sources = List.copyOf(sources);
        this.publish = publish;
        this.log = log;
        checker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Checks {@code set} once edits pause; a check already waiting for it is replaced. */
    public void schedule(PolicySetModel set, int largestChangedFileChars) {
        long delay = debounceMillis + largestChangedFileChars / 20_000;
        pending.compute(set.root(), (root, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return checker.schedule(() -> check(set), delay, TimeUnit.MILLISECONDS);
        });
    }

    /** Results of a test run on a test file, shown until the file changes. */
    public void runResults(PolicySetModel set, Path testFile, String text, List<Diagnostic> diagnostics) {
        runResults.put(testFile, new RunResults(text, List.copyOf(diagnostics)));
        schedule(set, 0);
    }

    /** Clears what was published for sets that are no longer there. */
    public void keepOnly(Set<Path> roots) {
        for (Path root : new ArrayList<>(filesOfSet.keySet())) {
            if (!roots.contains(root)) {
                for (Path file : filesOfSet.remove(root)) {
                    send(file, List.of());
                }
            }
        }
    }

    private void check(PolicySetModel set) {
        long g = set.generation();
        Analysis a;
        try {
            a = set.analyze(() -> set.generation() != g);
        } catch (CancellationException e) {
            return;
        } catch (RuntimeException e) {
            log.accept("countersign: checking " + set.root() + " failed: " + e);
            return;
        }
        publishAll(set, a);
        if (!sources.isEmpty() && !a.hasErrors() && !a.policies().isEmpty()) {
            extra.execute(() -> runSources(set, a));
        }
    }

    private void publishAll(PolicySetModel set, Analysis a) {
        Set<Path> files = new HashSet<>();
        for (ParsedFile f : a.policies().values()) {
            List<Diagnostic> out = new ArrayList<>();
            for (io.countersign.lang.diag.Diagnostic d : a.diagnostics().getOrDefault(f.path(), List.of())) {
                out.add(Conversions.diagnostic(d, f.lines(), Conversions.SOURCE));
            }
            out.addAll(extraFindings.getOrDefault(f.path(), List.of()));
            send(f.path(), out);
            files.add(f.path());
        }
        a.cases().forEach((path, c) -> {
            send(path, caseDiagnostics(a, path, c));
            files.add(path);
        });
        Set<Path> before = filesOfSet.put(set.root(), files);
        if (before != null) {
            before.stream().filter(f -> !files.contains(f)).forEach(f -> send(f, List.of()));
        }
    }

    private List<Diagnostic> caseDiagnostics(Analysis a, Path path, CaseFile c) {
        List<Diagnostic> out = new ArrayList<>();
        c.problem().ifPresent(p -> out.add(Conversions.diagnostic(p.range(), p.message(), DiagnosticSeverity.Error)));
        boolean complete = a.policies().values().stream().allMatch(f -> f.ast().isPresent());
        if (complete) {
            for (CaseFile.RuleRef ref : c.ruleRefs()) {
                if (a.index().declaration(Kind.RULE, ref.id()).isEmpty() && !ref.id().endsWith("/default")
                        && !ref.id().endsWith("/scope")) {
                    out.add(Conversions.diagnostic(ref.range(), "no rule '" + ref.id() + "' in the policy set",
                            DiagnosticSeverity.Warning));
                }
            }
        }
        RunResults run = runResults.get(path);
        if (run != null && run.text().equals(c.text())) {
            out.addAll(run.diagnostics());
        } else if (run != null) {
            runResults.remove(path);
        }
        return out;
    }

    private void runSources(PolicySetModel set, Analysis a) {
        Frontend.Result result = a.frontend();
        Map<String, ParsedFile> byName = new HashMap<>();
        a.policies().values().forEach(f -> byName.put(f.source().path(), f));
        Map<Path, List<Diagnostic>> found = new HashMap<>();
        for (DiagnosticSource source : sources) {
            try {
                for (io.countersign.lang.diag.Diagnostic d : source.diagnose(result,
                        () -> set.generation() != a.generation())) {
                    ParsedFile f = byName.get(d.loc().file());
                    if (f != null) {
                        found.computeIfAbsent(f.path(), k -> new ArrayList<>())
                                .add(Conversions.diagnostic(d, f.lines(), source.name()));
                    }
                }
            } catch (RuntimeException e) {
                log.accept("countersign: " + source.name() + " failed: " + e);
            }
        }
        if (set.generation() != a.generation()) {
            return;
        }
        extraFindings.keySet().removeIf(p -> a.policies().containsKey(p));
        extraFindings.putAll(found);
        checker.execute(() -> {
            if (set.generation() == a.generation()) {
                publishAll(set, a);
            }
        });
    }

    private void send(Path file, List<Diagnostic> diagnostics) {
        if (closed) {
            return;
        }
        List<Diagnostic> before = published.get(file);
        if (diagnostics.equals(before)) {
            return;
        }
        published.put(file, List.copyOf(diagnostics));
        publish.accept(new PublishDiagnosticsParams(Uris.uri(file), new ArrayList<>(diagnostics)));
    }

    /** Waits for checks that are scheduled now, for tests and benchmarks that need a quiet server. */
    public void awaitIdle() throws InterruptedException {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        checker.schedule(() -> done.complete(null), debounceMillis + 1L, TimeUnit.MILLISECONDS);
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops checking: waiting checks are dropped, one in progress finishes without publishing. No
     * thread is interrupted — an interrupt closes an interruptible channel the protocol may write to.
     */
    @Override
    public void close() {
        closed = true;
        checker.shutdown();
        extra.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "countersign-lsp-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
