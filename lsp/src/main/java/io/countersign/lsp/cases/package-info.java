/**
 * {@code *.test.yaml} files in the editor: where each case and each rule id sits, the decision a case
 * gets from the policy set as it is being edited, and running a file's cases with the engine's runner.
 */
package io.countersign.lsp.cases;
