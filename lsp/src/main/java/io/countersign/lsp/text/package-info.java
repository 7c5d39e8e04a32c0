/**
 * Text as the protocol sees it: lines split on {@code \n}, {@code \r\n} and {@code \r}, columns in
 * UTF-16 code units; and the front end's 1-based code-point positions converted to it exactly.
 */
package io.countersign.lsp.text;
