package io.countersign.engine.transfer;

/** An export that cannot be read: the line, and what is wrong with it. */
public final class BadExportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;

    public BadExportException(long line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** The line at fault, counting from 1. */
    public long line() {
        return line;
    }
}
