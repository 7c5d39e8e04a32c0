package io.countersign.lsp;

import io.countersign.lsp.diagnostics.DiagnosticSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the server on a pair of streams (stdio for {@code countersign lsp}, pipes in tests). */
public final class Launch {

    private Launch() {
    }

    /**
     * Serves until the client says {@code exit} or closes the input. Returns the exit code the
     * protocol asks for: 0 after {@code shutdown}, 1 otherwise.
     */
    public static int serve(InputStream in, OutputStream out, List<DiagnosticSource> sources)
            throws InterruptedException {
        CountersignLanguageServer server = new CountersignLanguageServer(sources);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        // A thread of its own waits for the input to end: the common pool may have a single thread.
        CompletableFuture<Void> inputEnded = new CompletableFuture<>();
        Thread input = new Thread(() -> {
            await(listening);
            inputEnded.complete(null);
        }, "countersign-lsp-input");
        input.setDaemon(true);
        input.start();
        CompletableFuture<Object> ended = CompletableFuture.anyOf(server.exited(), inputEnded);
        try {
            ended.get();
        } catch (ExecutionException e) {
            return 1;
        }
        listening.cancel(true);
        return server.exited().getNow(1);
    }

    private static void await(Future<Void> listening) {
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // The input ended or broke: the client is gone.
        }
    }
}
