package io.countersign.lsp;

import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.features.CodeLenses;
import io.countersign.lsp.features.CaseCompletions;
import io.countersign.lsp.features.Completions;
import io.countersign.lsp.features.Formatting;
import io.countersign.lsp.features.Hovers;
import io.countersign.lsp.features.Navigation;
import io.countersign.lsp.features.Outline;
import io.countersign.lsp.text.Edits;
import io.countersign.lsp.text.LineIndex;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.ParsedFile;
import io.countersign.lsp.workspace.PolicySetModel;
import io.countersign.lsp.workspace.Uris;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The text document service. Edits are applied on the protocol's thread, in order, and only schedule
 * a check; every request runs on the request threads against the analysis of the text as it is then.
 * A request that fails answers nothing and logs why: no input brings the server down.
 */
final class TextDocuments implements TextDocumentService {

    private final CountersignLanguageServer server;

    TextDocuments(CountersignLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        tracked(params.getTextDocument().getUri()).ifPresent(path -> {
            String text = params.getTextDocument().getText();
            PolicySetModel model = server.workspace().opened(path, text);
            server.validator().schedule(model, text.length());
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        tracked(params.getTextDocument().getUri()).ifPresent(path -> {
            String before = server.workspace().openText(path).orElse("");
            String text = Edits.apply(before, params.getContentChanges());
            PolicySetModel model = server.workspace().changed(path, text);
            server.validator().schedule(model, text.length());
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        tracked(params.getTextDocument().getUri()).ifPresent(path -> {
            PolicySetModel model = server.workspace().closed(path);
            server.validator().keepOnly(server.workspace().sets().stream().map(PolicySetModel::root)
                    .collect(java.util.stream.Collectors.toSet()));
            if (!model.root().equals(path)) {
                server.validator().schedule(model, 0);
            }
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The editor's text is already what the server checks; saving changes nothing for it.
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return request(params.getTextDocument().getUri(), null, (a, path) -> {
            ParsedFile f = a.policies().get(path);
            if (f != null) {
                return Hovers.policy(a, f, params.getPosition()).orElse(null);
            }
            CaseFile c = a.cases().get(path);
            return c == null ? null : Hovers.testCase(a, c, params.getPosition()).orElse(null);
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return request(params.getTextDocument().getUri(), Either.forLeft(List.of()),
                (a, path) -> Either.forLeft(Navigation.definition(a, path, params.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return request(params.getTextDocument().getUri(), List.of(),
                (a, path) -> Navigation.references(a, path, params.getPosition(), declaration));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        Either<List<CompletionItem>, CompletionList> none = Either.forLeft(List.of());
        Optional<Path> file = tracked(params.getTextDocument().getUri());
        if (file.isEmpty()) {
            return CompletableFuture.completedFuture(none);
        }
        Path path = file.get();
        return CompletableFuture.supplyAsync(() -> {
            try {
                PolicySetModel model = server.workspace().setOf(path);
                Analysis a = model.latest();
                String text = server.workspace().openText(path).orElseGet(() -> a.policies().containsKey(path)
                        ? a.policies().get(path).text() : a.cases().containsKey(path) ? a.cases().get(path).text() : "");
                LineIndex lines = new LineIndex(text);
                int offset = lines.offset(params.getPosition());
                if (path.getFileName().toString().endsWith(".policy")) {
                    return Either.forLeft(Completions.at(a, text, offset,
                            (from, to) -> new Range(lines.position(from), lines.position(to))));
                }
                String before = text.substring(lines.lineStart(params.getPosition().getLine()), offset);
                return Either.forLeft(CaseCompletions.at(a, before, params.getPosition().getLine()));
            } catch (RuntimeException e) {
                server.log("countersign: completion failed: " + e);
                return none;
            }
        }, server.requests());
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return request(params.getTextDocument().getUri(), List.of(), (a, path) -> {
            ParsedFile f = a.policies().get(path);
            List<DocumentSymbol> symbols = f != null ? Outline.policyFile(f)
                    : a.cases().containsKey(path) ? Outline.caseFile(a.cases().get(path)) : List.of();
            return symbols.stream().map(s -> Either.<SymbolInformation, DocumentSymbol>forRight(s)).toList();
        });
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return request(params.getTextDocument().getUri(), List.of(), (a, path) -> {
            ParsedFile f = a.policies().get(path);
            return f == null ? List.of() : Formatting.document(f);
        });
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        return request(params.getTextDocument().getUri(), List.of(), (a, path) -> {
            ParsedFile f = a.policies().get(path);
            return f == null ? List.of() : Formatting.range(f, params.getRange());
        });
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return request(params.getTextDocument().getUri(), List.of(), CodeLenses::of);
    }

    /** Runs {@code work} on the analysis of the file's set as it is now, off the protocol's thread. */
    private <T> CompletableFuture<T> request(String uri, T none, BiFunction<Analysis, Path, T> work) {
        Optional<Path> file = tracked(uri);
        if (file.isEmpty()) {
            return CompletableFuture.completedFuture(none);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Analysis a = server.workspace().setOf(file.get()).analysis();
                T result = work.apply(a, file.get());
                return result == null ? none : result;
            } catch (RuntimeException e) {
                server.log("countersign: request on " + uri + " failed: " + e);
                return none;
            }
        }, server.requests());
    }

    private static Optional<Path> tracked(String uri) {
        return Uris.path(uri).filter(PolicySetModel::isTracked);
    }
}
