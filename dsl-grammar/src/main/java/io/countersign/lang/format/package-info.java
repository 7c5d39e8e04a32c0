/**
 * The formatter: one canonical layout for policy files. It prints the AST, so formatting never
 * changes meaning, and puts comments back by position, so they stay beside what they describe.
 */
package io.countersign.lang.format;
