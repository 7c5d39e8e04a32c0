package io.countersign.lsp.diagnostics;

import io.countersign.lang.Frontend;
import io.countersign.lang.diag.Diagnostic;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * More findings about a policy set than the front end's, such as {@code policy lint}'s. A source is
 * asked only about sets the front end finds no error in, on a thread of its own after the front end's
 * diagnostics are out, so a slow analysis never delays them. Its findings are published with the
 * front end's, under the source's name.
 *
 * <p>Sources are found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming
 * the implementation) by {@code countersign lsp}, or passed to the server by an embedder.
 */
public interface DiagnosticSource {

    /** What editors show as the diagnostic's source, e.g. {@code countersign lint}. */
    String name();

    /**
     * The findings, each located in one of {@code set}'s files (by {@link io.countersign.lang.ast.Loc#file()},
     * as the front end names them). Should return early when {@code cancelled} says a newer edit came;
     * what it returns then is dropped.
     */
    List<Diagnostic> diagnose(Frontend.Result set, BooleanSupplier cancelled);
}
