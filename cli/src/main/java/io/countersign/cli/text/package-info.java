/**
 * Text output the commands share: JSON lines safe to print, help laid out for the terminal, unified
 * diffs. Stored and user-written text is escaped for terminals by {@link io.countersign.lang.text.Escape}.
 */
package io.countersign.cli.text;
