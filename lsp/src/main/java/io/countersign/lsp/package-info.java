/**
 * {@code countersign lsp}: a Language Server Protocol server over stdio (Eclipse LSP4J) for policy
 * files and {@code *.test.yaml} cases. See docs/lsp.md for what a policy set is to the server, when it
 * checks, and what each feature does.
 */
package io.countersign.lsp;
