/**
 * Diagnostics a policy author can act on: {@code file:line:column: error: message}, the source line,
 * and a caret under the offending text.
 */
package io.countersign.lang.diag;
