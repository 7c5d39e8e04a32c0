package io.countersign.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign lsp} as an editor starts it: a process whose standard input and output carry JSON-RPC. */
class LspCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesOverStdioPrintsNothingElseAndExitsZeroAfterShutdown() throws Exception {
        Path file = Files.writeString(dir.resolve("p.policy"), "policy p {\n  rule r { when user.x == 1 then approve }\n}\n");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp", "--stdio")
                .redirectError(err.toFile()).start();
        try {
            CompletableFuture<PublishDiagnosticsParams> diagnostics = new CompletableFuture<>();
            LanguageClient client = new LanguageClient() {
                @Override
                public void publishDiagnostics(PublishDiagnosticsParams d) {
                    if (!d.getDiagnostics().isEmpty()) {
                        diagnostics.complete(d);
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
            };
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, p.getInputStream(),
                    p.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
            InitializeResult result = server.initialize(init).get(60, TimeUnit.SECONDS);
            assertEquals("countersign", result.getServerInfo().getName());
            server.initialized(new InitializedParams());
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                    file.toUri().toString(), "countersign", 1, Files.readString(file))));
            PublishDiagnosticsParams d = diagnostics.get(60, TimeUnit.SECONDS);
            assertEquals(file.toUri().toString(), d.getUri());
            assertTrue(d.getDiagnostics().get(0).getMessage().getLeft().startsWith("unknown attribute 'user'"));
            server.shutdown().get(60, TimeUnit.SECONDS);
            server.exit();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ends after exit");
            assertEquals(0, p.exitValue());
            assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
