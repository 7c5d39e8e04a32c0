/**
 * The editor's features over an {@link io.countersign.lsp.workspace.Analysis}: hover, navigation,
 * completion, formatting, outline and code lenses. Each is a pure function of the analysis, the file
 * and a position, so each is tested without a client.
 */
package io.countersign.lsp.features;
