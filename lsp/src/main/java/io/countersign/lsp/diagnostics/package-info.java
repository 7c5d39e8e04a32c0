/**
 * Diagnostics as you type: the front end's errors and warnings of a whole policy set, checked a short
 * while after the last edit, a stale check given up for a newer one, and published per file only when
 * they changed; with a seam ({@link io.countersign.lsp.diagnostics.DiagnosticSource}) for findings of
 * other analyses such as {@code policy lint}.
 */
package io.countersign.lsp.diagnostics;
