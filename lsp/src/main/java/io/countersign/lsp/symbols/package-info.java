/**
 * Names in a policy set: where policies, rules, windows and risk factors are declared, where they are
 * used (windows in {@code now during}, rule ids in test cases), and what sits at a position.
 */
package io.countersign.lsp.symbols;
