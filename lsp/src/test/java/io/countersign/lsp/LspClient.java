package io.countersign.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.countersign.lsp.workspace.Uris;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
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
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real client: LSP4J's client launcher speaking JSON-RPC to the server over a pair of operating
 * system pipes. The server runs as {@code countersign lsp} runs it ({@link Launch#serve}), on the
 * other ends of the pipes.
 */
final class LspClient implements LanguageClient, AutoCloseable {

    final LanguageServer server;
    private final CompletableFuture<Integer> serving;
    private final Map<String, List<List<Diagnostic>>> published = new ConcurrentHashMap<>();
    final List<MessageParams> messages = new CopyOnWriteArrayList<>();
    private final Map<Path, Integer> versions = new ConcurrentHashMap<>();

    private LspClient(Path folder, JsonObject options) throws Exception {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        InputStream serverIn = Channels.newInputStream(toServer.source());
        OutputStream serverOut = Channels.newOutputStream(toClient.sink());
        serving = serve(() -> {
            try {
                return Launch.serve(serverIn, serverOut, List.of());
            } catch (InterruptedException e) {
                return -1;
            }
        });
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this,
                Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(Uris.uri(folder), folder.getFileName().toString())));
        init.setInitializationOptions(options);
        server.initialize(init).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    static LspClient start(Path folder) throws Exception {
        JsonObject options = new JsonObject();
        options.addProperty("debounceMillis", 10);
        return new LspClient(folder, options);
    }

    static LspClient start(Path folder, JsonObject options) throws Exception {
        return new LspClient(folder, options);
    }

    void open(Path file) throws IOException {
        open(file, Files.readString(file));
    }

    void open(Path file, String text) {
        versions.put(file, 1);
        String language = file.toString().endsWith(".policy") ? "countersign" : "yaml";
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(Uris.uri(file), language, 1, text)));
    }

    /** Replaces {@code range} of the open file with {@code text}, as an editor sends a keystroke. */
    void edit(Path file, Range range, String text) {
        int version = versions.merge(file, 1, Integer::sum);
        TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(range, text);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(Uris.uri(file), version), List.of(change)));
    }

    void replaceAll(Path file, String text) {
        int version = versions.merge(file, 1, Integer::sum);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(Uris.uri(file), version),
                List.of(new TextDocumentContentChangeEvent(text))));
    }

    static TextDocumentIdentifier id(Path file) {
        return new TextDocumentIdentifier(Uris.uri(file));
    }

    static Range range(int line, int from, int lineTo, int to) {
        return new Range(new Position(line, from), new Position(lineTo, to));
    }

    /** Waits until the last diagnostics published for {@code file} satisfy {@code until}, and returns them. */
    List<Diagnostic> diagnostics(Path file, Predicate<List<Diagnostic>> until, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String uri = Uris.uri(file);
        while (System.nanoTime() < deadline) {
            List<Diagnostic> last = last(uri);
            if (last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(5);
        }
        fail("no diagnostics as expected for " + file.getFileName() + " within " + timeout + "; last: " + last(uri));
        return null;
    }

    List<Diagnostic> diagnostics(Path file, Predicate<List<Diagnostic>> until) throws InterruptedException {
        return diagnostics(file, until, Duration.ofSeconds(20));
    }

    /** How many times diagnostics were published for {@code file}. */
    int publications(Path file) {
        return published.getOrDefault(Uris.uri(file), List.of()).size();
    }

    private List<Diagnostic> last(String uri) {
        List<List<Diagnostic>> all = published.get(uri);
        return all == null || all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        published.computeIfAbsent(params.getUri(), k -> new CopyOnWriteArrayList<>())
                .add(new ArrayList<>(params.getDiagnostics()));
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams params) {
        messages.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        messages.add(params);
    }

    /** Shuts the server down as a client does, and checks it ends with exit code 0. */
    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        try {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertEquals(0, serving.get(30, TimeUnit.SECONDS), "exit code after shutdown and exit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
