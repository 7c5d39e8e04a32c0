package io.countersign.lang.format;

import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Loc;
import java.util.ArrayList;
import java.util.List;

/**
 * The formatter's output lines, each with the span of source it renders, and their rendering with the comments
 * put back by position (see {@link Formatter} for where a comment goes).
 */
final class Layout {

    static final String INDENT = "  ";

    /**
     * One output line and the span of source it renders, used to put comments back. A line with
     * null text is a blank line.
     */
    record Line(String text, int indent, int start, int end, int endLine, int commentIndent) {
        static Line blank() {
            return new Line(null, 0, -1, -1, -1, 0);
        }
    }

    private final List<Line> lines = new ArrayList<>();

    void blank() {
        lines.add(Line.blank());
    }

    void addAll(List<Line> below) {
        lines.addAll(below);
    }

    Line line(int in, String text, Loc loc) {
        return new Line(text, in, loc.start(), loc.end(), loc.endLine(), in);
    }

    void add(int in, String text, Loc loc) {
        lines.add(line(in, text, loc));
    }

    void add(int in, String text, int start, int end, int endLine) {
        lines.add(new Line(text, in, start, end, endLine, in));
    }

    void closing(int in, Loc block) {
        // A comment just before a closing brace belongs to the block's contents, so it takes their indentation.
        lines.add(new Line("}", in, block.end() - 1, block.end(), block.endLine(), in + 1));
    }

    String render(List<Comment> comments, String source) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.text() == null) {
                out.append('\n');
                continue;
            }
            int nextStart = Integer.MAX_VALUE;
            for (int j = i + 1; j < lines.size(); j++) {
                if (lines.get(j).text() != null) {
                    nextStart = lines.get(j).start();
                    break;
                }
            }
            String pad = INDENT.repeat(line.commentIndent());
            while (next < comments.size() && comments.get(next).loc().start() < line.start()) {
                Comment c = comments.get(next++);
                out.append(pad).append(c.text().stripTrailing()).append('\n');
                if (blankAfter(c, source) && !line.text().equals("}")) {
                    out.append('\n');
                }
            }
            // Comments inside the span go above the line, but the last one, or one after the span on
            // the span's last line, stays at the end of the line.
            List<Comment> inside = new ArrayList<>();
            while (next < comments.size() && comments.get(next).loc().start() < line.end()) {
                inside.add(comments.get(next++));
            }
            Comment trailing = null;
            if (next < comments.size()) {
                Comment c = comments.get(next);
                if (c.loc().line() == line.endLine() && c.loc().start() < nextStart) {
                    trailing = c;
                    next++;
                }
            }
            if (trailing == null && !inside.isEmpty()) {
                trailing = inside.remove(inside.size() - 1);
            }
            String indent = INDENT.repeat(line.indent());
            for (Comment c : inside) {
                out.append(indent).append(c.text().stripTrailing()).append('\n');
            }
            out.append(indent).append(line.text());
            if (trailing != null) {
                out.append("  ").append(trailing.text().stripTrailing());
            }
            out.append('\n');
        }
        boolean first = true;
        while (next < comments.size()) {
            Comment c = comments.get(next++);
            if (first && out.length() > 0) {
                out.append('\n'); // comments after the last policy stand apart from it
            }
            first = false;
            out.append(c.text().stripTrailing()).append('\n');
            if (next < comments.size() && blankAfter(c, source)) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Whether the source has a blank line right after this comment. Line breaks are {@code \n},
     * {@code \r\n} or a lone {@code \r}, as the parser counts lines, so that a file formats the
     * same whichever it uses.
     */
    private static boolean blankAfter(Comment c, String source) {
        if (source.isEmpty()) {
            return false;
        }
        int i = source.offsetByCodePoints(0, Math.min(c.loc().end(), source.codePointCount(0, source.length())));
        int lineBreaks = 0;
        for (; i < source.length(); i++) {
            char ch = source.charAt(i);
            if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n') {
                    i++; // \r\n is one line break
                }
                if (++lineBreaks == 2) {
                    return true;
                }
            } else if (ch != ' ' && ch != '\t') {
                return false;
            }
        }
        return false;
    }
}
