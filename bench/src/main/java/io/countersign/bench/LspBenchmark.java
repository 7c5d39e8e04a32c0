package io.countersign.bench;

import com.google.gson.JsonObject;
import io.countersign.lang.source.SourceFile;
import io.countersign.lsp.Launch;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Edit → diagnostics published, over JSON-RPC, on a generated workspace of 1,000 rules in 101 files:
 * a client opens one file and types an error into it and out again; each round is timed from the
 * change notification sent to the diagnostics for that file received. The server runs as
 * {@code countersign lsp} runs it, on the other ends of two pipes, with its default settings
 * (a 40 ms wait after the last edit is part of what is measured).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.LspBenchmark [--rules 1000] [--rounds 200]</pre>
 */
public final class LspBenchmark {

    private LspBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rules = 1000;
        int rounds = 200;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--rules")) {
                rules = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            }
        }
        Path dir = Files.createTempDirectory("countersign-lsp-bench");
        List<SourceFile> files = GeneratedPolicies.policies(rules, true);
        for (SourceFile f : files) {
            Files.writeString(dir.resolve(f.path()), f.text());
        }
        Files.writeString(dir.resolve("directory.yaml"), "users: {}\n");
        SourceFile edited = files.get(files.size() / 2);
        Path file = dir.resolve(edited.path());
        String uri = file.toUri().toString();

        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        CompletableFuture<Integer> serving = serve(() -> {
            try {
                return Launch.serve(Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink()),
                        List.of());
            } catch (InterruptedException e) {
                return -1;
            }
        });
        Client client = new Client();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client,
                Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "bench")));
        init.setInitializationOptions(new JsonObject());
        server.initialize(init).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());

        long open = System.nanoTime();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "countersign", 1, edited.text())));
        client.await(uri, false);
        while (client.count.size() < files.size()) {
            Thread.sleep(1);
        }
        long opened = System.nanoTime() - open;
        int published = client.count.size();

        // The error: "p<n>" compared with a number. The fix puts the quote back.
        int at = edited.text().indexOf("profile == \"") + "profile == ".length();
        Position where = position(edited.text(), at);
        Range one = new Range(where, new Position(where.getLine(), where.getCharacter() + 1));
        Range none = new Range(where, where);
        List<Double> millis = new ArrayList<>();
        int version = 1;
        int warmup = Math.max(20, rounds / 5);
        for (int round = 0; round < warmup + rounds; round++) {
            boolean breaking = round % 2 == 0;
            client.clear(uri);
            long t0 = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, ++version),
                    List.of(new TextDocumentContentChangeEvent(breaking ? one : none, breaking ? "" : "\""))));
            client.await(uri, breaking);
            long t = System.nanoTime() - t0;
            if (round >= warmup) {
                millis.add(t / 1e6);
            }
            Thread.sleep(20);
        }
        server.shutdown().get(60, TimeUnit.SECONDS);
        server.exit();
        serving.get(60, TimeUnit.SECONDS);

        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "workspace: %,d rules in %d files; first open: the diagnostics of all %d files in %.0f ms%n",
                rules, files.size(), published, opened / 1e6);
        System.out.printf(Locale.ROOT, "edit -> diagnostics published, %d edits (error in, error out), debounce 40 ms included:%n",
                millis.size());
        System.out.printf(Locale.ROOT, "  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target < 200 ms)%n",
                pct(millis, 50), pct(millis, 90), pct(millis, 99), millis.get(millis.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Position position(String text, int offset) {
        int line = 0;
        int start = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new Position(line, offset - start);
    }

    /** Records diagnostics as they come; {@link #await} waits for the file's next publication of a kind. */
    private static final class Client implements LanguageClient {
        final Map<String, BlockingQueue<Boolean>> byUri = new ConcurrentHashMap<>();
        final Map<String, Boolean> count = new ConcurrentHashMap<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams d) {
            count.put(d.getUri(), true);
            byUri.computeIfAbsent(d.getUri(), k -> new LinkedBlockingQueue<>()).add(!d.getDiagnostics().isEmpty());
        }

        void clear(String uri) {
            byUri.computeIfAbsent(uri, k -> new LinkedBlockingQueue<>()).clear();
        }

        void await(String uri, boolean withErrors) throws InterruptedException {
            BlockingQueue<Boolean> q = byUri.computeIfAbsent(uri, k -> new LinkedBlockingQueue<>());
            while (true) {
                Boolean got = q.poll(60, TimeUnit.SECONDS);
                if (got == null) {
                    throw new IllegalStateException("no diagnostics for " + uri);
                }
                if (got == withErrors) {
                    return;
                }
            }
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams m) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams m) {
        }
    }

    /** Runs the server on a thread of its own (the common pool may have a single thread). */
    private static CompletableFuture<Integer> serve(java.util.function.Supplier<Integer> server) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(server.get()), "countersign-lsp-server");
        t.setDaemon(true);
        t.start();
        return done;
    }
}
