package io.countersign.lsp;

import io.countersign.lsp.diagnostics.DiagnosticSource;
import io.countersign.lsp.diagnostics.Validator;
import io.countersign.lsp.features.CodeLenses;
import io.countersign.lsp.workspace.Settings;
import io.countersign.lsp.workspace.Uris;
import io.countersign.lsp.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The server: what it offers the client, and the state its two services share. */
public final class CountersignLanguageServer implements LanguageServer, LanguageClientAware {

    private final List<DiagnosticSource> sources;
    private final ExecutorService requests = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "countersign-lsp-request");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final TextDocuments documents = new TextDocuments(this);
    private final WorkspaceFiles workspaceFiles = new WorkspaceFiles(this);
    private volatile LanguageClient client;
    private volatile Workspace workspace = new Workspace(List.of(), Settings.DEFAULT);
    private volatile Validator validator;
    private volatile boolean shutdown;

    public CountersignLanguageServer(List<DiagnosticSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        Settings settings = Settings.from(params.getInitializationOptions());
        workspace = new Workspace(folders(params), settings);
        validator = new Validator(settings.debounceMillis(), sources, d -> client.publishDiagnostics(d), this::log);
        ServerCapabilities c = new ServerCapabilities();
        c.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        c.setHoverProvider(true);
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setDocumentRangeFormattingProvider(true);
        c.setDocumentSymbolProvider(true);
        c.setCompletionProvider(new CompletionOptions(false, List.of(".", "\"")));
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(CodeLenses.RUN_CASES)));
        String version = CountersignLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(c,
                new ServerInfo("countersign", version == null ? "development" : version)));
    }

    @SuppressWarnings("deprecation") // rootUri: older clients send only it
    private static List<Path> folders(InitializeParams params) {
        List<Path> out = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                Uris.path(f.getUri()).ifPresent(out::add);
            }
        }
        if (out.isEmpty() && params.getRootUri() != null) {
            Uris.path(params.getRootUri()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        Validator v = validator;
        if (v != null) {
            v.close();
        }
        requests.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(shutdown ? 0 : 1);
    }

    /** Completes with the exit code when the client says {@code exit}: 0 after {@code shutdown}, else 1. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceFiles;
    }

    Workspace workspace() {
        return workspace;
    }

    /** The validator; null before {@code initialize}. */
    Validator validator() {
        return validator;
    }

    ExecutorService requests() {
        return requests;
    }

    LanguageClient client() {
        return client;
    }

    void log(String message) {
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(MessageType.Log, message));
        }
    }
}
