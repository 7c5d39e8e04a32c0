package io.countersign.lang.ast;

/**
 * Where a node was read from. Lines and columns are 1-based and count Unicode code points;
 * {@code start} and {@code end} are code-point offsets into the file, end exclusive, and
 * {@code endLine}/{@code endColumn} name the position just after the node.
 */
public record Loc(String file, int line, int column, int endLine, int endColumn, int start, int end) {

    /** For nodes made by programs (generators, rewrites) rather than read from a file. */
    public static final Loc NONE = new Loc("", 0, 0, 0, 0, -1, -1);

    /** The span from the start of {@code first} to the end of {@code last}. */
    public static Loc span(Loc first, Loc last) {
        return new Loc(first.file, first.line, first.column, last.endLine, last.endColumn, first.start, last.end);
    }

    /** {@code file:line:column}, as diagnostics and explanations print it. */
    public String position() {
        return file + ":" + line + ":" + column;
    }
}
