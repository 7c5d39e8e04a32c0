package io.countersign.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.countersign.engine.policytest.CaseResult;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.cases.CaseRunner;
import io.countersign.lsp.diagnostics.Conversions;
import io.countersign.lsp.features.CodeLenses;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.PolicySetModel;
import io.countersign.lsp.workspace.Uris;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Files changed on disk, and the command that runs a test file's cases. */
final class WorkspaceFiles implements WorkspaceService {

    private final CountersignLanguageServer server;

    WorkspaceFiles(CountersignLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // Settings are read once, from initializationOptions; the extension restarts the server on change.
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        Set<Path> files = params.getChanges().stream().map(c -> Uris.path(c.getUri())).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        for (PolicySetModel model : server.workspace().changedOnDisk(files)) {
            server.validator().schedule(model, 0);
        }
        server.validator().keepOnly(server.workspace().sets().stream().map(PolicySetModel::root)
                .collect(Collectors.toSet()));
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!CodeLenses.RUN_CASES.equals(params.getCommand()) || params.getArguments() == null
                || params.getArguments().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> args = params.getArguments().stream().map(WorkspaceFiles::string).toList();
        Optional<Path> file = Uris.path(args.get(0)).filter(PolicySetModel::isTracked);
        if (file.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> caseName = args.size() > 1 && args.get(1) != null ? Optional.of(args.get(1)) : Optional.empty();
        return CompletableFuture.supplyAsync(() -> run(file.get(), caseName), server.requests());
    }

    private Object run(Path file, Optional<String> caseName) {
        PolicySetModel model = server.workspace().setOf(file);
        Analysis a = model.analysis();
        CaseFile cases = a.cases().get(file);
        if (cases == null) {
            return null;
        }
        try {
            CaseRunner.Outcome outcome = CaseRunner.run(a, file, cases.text(), caseName);
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (String error : outcome.errors()) {
                diagnostics.add(Conversions.diagnostic(new Range(new Position(0, 0), new Position(0, 0)), error,
                        DiagnosticSeverity.Error));
            }
            for (CaseResult r : outcome.results()) {
                if (r.passed()) {
                    continue;
                }
                Range at = cases.cases().stream().filter(c -> r.name().equals(c.name())).findFirst()
                        .map(CaseFile.Case::nameRange).orElse(new Range(new Position(0, 0), new Position(0, 0)));
                diagnostics.add(Conversions.diagnostic(at, "case fails: " + r.mismatches().stream()
                        .map(CaseRunner::mismatch).collect(Collectors.joining("; ")), DiagnosticSeverity.Error));
            }
            server.validator().runResults(model, file, cases.text(), diagnostics);
            boolean ok = outcome.errors().isEmpty() && outcome.failed() == 0;
            server.client().showMessage(new MessageParams(ok ? MessageType.Info : MessageType.Error,
                    file.getFileName() + ": " + outcome.summary()));
            return outcome.toJson();
        } catch (IOException | RuntimeException e) {
            server.log("countersign: running the cases of " + file + " failed: " + e);
            return null;
        }
    }

    private static String string(Object arg) {
        if (arg instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        if (arg instanceof JsonElement e && e.isJsonNull()) {
            return null;
        }
        return arg == null ? null : arg.toString();
    }
}
