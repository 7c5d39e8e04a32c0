// `countersign lsp` from the packaged jar, as an editor starts it: LSP4J (from the same shaded jar)
// speaks JSON-RPC to `java -jar countersign.jar lsp` over its stdio, on the example policy set.
// Run by the policies module's build: java -cp countersign.jar PackagedLsp.java JAR POLICIES
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

public class PackagedLsp {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path policies = Path.of(args[1]).toAbsolutePath().normalize();
        Path file = policies.resolve("production.policy");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "lsp").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<PublishDiagnosticsParams> published = new CompletableFuture<>();
        LanguageClient client = new LanguageClient() {
            public void publishDiagnostics(PublishDiagnosticsParams d) {
                if (d.getUri().equals(file.toUri().toString())) {
                    published.complete(d);
                }
            }
            public void telemetryEvent(Object o) { }
            public void showMessage(MessageParams m) { }
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
                return CompletableFuture.completedFuture(null);
            }
            public void logMessage(MessageParams m) {
                System.err.println(m.getMessage());
            }
        };
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, p.getInputStream(), p.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(policies.toUri().toString(), "policies")));
        server.initialize(init).get(120, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                file.toUri().toString(), "countersign", 1, Files.readString(file))));
        PublishDiagnosticsParams d = published.get(120, TimeUnit.SECONDS);
        if (!d.getDiagnostics().isEmpty()) {
            throw new AssertionError("the example policies have diagnostics: " + d.getDiagnostics());
        }
        var edits = server.getTextDocumentService().formatting(new DocumentFormattingParams(
                new TextDocumentIdentifier(file.toUri().toString()), new FormattingOptions(2, true)))
                .get(120, TimeUnit.SECONDS);
        if (!edits.isEmpty()) {
            throw new AssertionError("production.policy is formatted, yet formatting changes it: " + edits);
        }
        server.shutdown().get(120, TimeUnit.SECONDS);
        server.exit();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("countersign lsp did not exit 0 after shutdown and exit");
        }
        System.out.println("countersign lsp (packaged): diagnostics and formatting over stdio, exit 0");
        System.exit(0);
    }
}
