package io.countersign.cli.text;

import io.countersign.lang.text.Escape;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command writes to stdout and stderr passes through here: every character {@link Escape}
 * calls unsafe is written escaped, except the line breaks and tabs the command itself lays out. The
 * commands escape the values they print ({@link Escape#text}), line breaks included; this is the net
 * under them, so no text that reaches a terminal can carry ESC, BEL, a carriage return, a C1 control,
 * a bidi override or an invisible character, whichever path it took.
 */
public final class TerminalWriter extends FilterWriter {

    /** A high surrogate waiting for its other half, or 0. */
    private char pending;

    public TerminalWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (pending != 0) {
            char high = pending;
            pending = 0;
            if (Character.isLowSurrogate(ch)) {
                emit(Character.toCodePoint(high, ch));
                return;
            }
            emit(high);
        }
        if (Character.isHighSurrogate(ch)) {
            pending = ch;
            return;
        }
        emit(ch);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(java.nio.CharBuffer.wrap(buf), off, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write((CharSequence) s, off, len);
    }

    /** Runs of plain characters are written whole; the rest one by one. */
    private void write(CharSequence s, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            int run = i;
            while (pending == 0 && run < end && plain(s.charAt(run))) {
                run++;
            }
            if (run > i) {
                out.write(s.subSequence(i, run).toString());
                i = run;
            } else {
                write(s.charAt(i++));
            }
        }
    }

    /** Characters that are never escaped and never half of a pair. */
    private static boolean plain(char c) {
        return c == '\n' || c == '\t' || c >= 0x20 && c < 0x7F || c >= 0xA0 && c < 0xD800 && !Escape.unsafe(c);
    }

    @Override
    public void flush() throws IOException {
        // A high surrogate stays pending across a flush: its other half may come in the next write.
        super.flush();
    }

    @Override
    public void close() throws IOException {
        if (pending != 0) {
            emit(pending);
            pending = 0;
        }
        super.close();
    }

    private void emit(int cp) throws IOException {
        if (cp == '\n' || cp == '\t' || !Escape.unsafe(cp)) {
            if (Character.isBmpCodePoint(cp)) {
                out.write(cp);
            } else {
                out.write(Character.toChars(cp));
            }
        } else {
            out.write(Escape.escaped(cp));
        }
    }
}
