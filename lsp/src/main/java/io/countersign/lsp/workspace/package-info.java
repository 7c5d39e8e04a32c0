/**
 * What the server knows: the workspace's policy sets (a set is a folder's {@code *.policy} files, as
 * {@code countersign policy check FOLDER} reads them), the editor's unsaved texts laid over the files
 * on disk, and the analysis of each set, made once per change and shared by every feature.
 */
package io.countersign.lsp.workspace;
