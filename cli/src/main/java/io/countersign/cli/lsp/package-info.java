/** {@code countersign lsp}: the language server for editors, over stdio. */
package io.countersign.cli.lsp;
