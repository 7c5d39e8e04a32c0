package io.countersign.lsp.text;

import io.countersign.lang.ast.Loc;
import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Where the lines of a text start, in UTF-16 code units (Java string indices, which is what the
 * protocol counts) and in code points (what the front end's {@link Loc} counts). Lines end at
 * {@code \n}, {@code \r\n} or {@code \r}, as both the protocol and the lexer count them.
 */
public final class LineIndex {

    private final String text;
    private final int[] starts;
    private final int[] codePointStarts;

    public LineIndex(String text) {
        this.text = text;
        int[] s = new int[16];
        int[] cp = new int[16];
        int n = 1;
        int codePoints = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLowSurrogate(c) || i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))) {
                codePoints++;
            }
            boolean lineBreak = c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
            if (lineBreak) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                    cp = Arrays.copyOf(cp, n * 2);
                }
                s[n] = i + 1;
                cp[n] = codePoints;
                n++;
            }
        }
        this.starts = Arrays.copyOf(s, n);
        this.codePointStarts = Arrays.copyOf(cp, n);
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return starts.length;
    }

    /** The index of the first character of 0-based {@code line}. */
    public int lineStart(int line) {
        return starts[clampLine(line)];
    }

    /** The index just past the last character of 0-based {@code line}, before its line break. */
    public int lineEnd(int line) {
        int l = clampLine(line);
        int end = l + 1 < starts.length ? starts[l + 1] : text.length();
        while (end > starts[l] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /** The text of 0-based {@code line} without its line break. */
    public String line(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    /** The string index of a protocol position; a position past the end of its line is its line's end. */
    public int offset(Position p) {
        if (p.getLine() < 0) {
            return 0;
        }
        if (p.getLine() >= starts.length) {
            return text.length();
        }
        int start = starts[p.getLine()];
        return Math.min(start + Math.max(0, p.getCharacter()), lineEnd(p.getLine()));
    }

    /** The protocol position of a string index. */
    public Position position(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int line = lineOf(o);
        return new Position(line, o - starts[line]);
    }

    /** The code-point offset of a protocol position, which is how {@link Loc#start()} counts. */
    public int codePointOffset(Position p) {
        int offset = offset(p);
        int line = lineOf(offset);
        return codePointStarts[line] + text.codePointCount(starts[line], offset);
    }

    /** The protocol position of a 1-based line and code-point column, clamped to the text. */
    public Position position(int line1, int column1) {
        if (line1 < 1) {
            return new Position(0, 0);
        }
        if (line1 > starts.length) {
            return position(text.length());
        }
        int line = line1 - 1;
        int start = starts[line];
        int end = lineEnd(line);
        int i = start;
        for (int c = 1; c < column1 && i < end; c++) {
            i += Character.charCount(text.codePointAt(i));
        }
        return new Position(line, Math.min(i, end) - start);
    }

    /** The protocol range of a node's location; a location made by a program is the file's start. */
    public Range range(Loc loc) {
        if (loc.line() < 1) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        return new Range(position(loc.line(), loc.column()), position(loc.endLine(), loc.endColumn()));
    }

    private int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private int clampLine(int line) {
        return Math.max(0, Math.min(line, starts.length - 1));
    }
}
