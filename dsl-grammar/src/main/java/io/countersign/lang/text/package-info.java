/**
 * Text for terminals: the one place that decides which characters of stored or user-written text are
 * shown escaped, so that no text can move the cursor, recolour the screen, reorder what follows it or
 * hide itself.
 */
package io.countersign.lang.text;
