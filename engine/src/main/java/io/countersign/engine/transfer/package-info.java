/**
 * Moving a whole store to another ({@code store export}, {@code store import}): the export format, JSON
 * lines holding every request's record exactly as stored, its writer, a reader that checks every line
 * before anything is written, and the import that restores each request and reads it back.
 */
package io.countersign.engine.transfer;
