package io.countersign.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a command's help footer. Under a heading that starts with {@code Example}, an indented
 * line {@code $ COMMAND} is an example followed by what it prints (the indented lines up to a blank
 * line or the next example); an indented line {@code countersign ...} is an example that shows nothing
 * printed. A line ending with {@code \} goes on on the next. Other indented lines before an example (a
 * file's content the example reads) and lines outside the examples' headings are not examples.
 */
record HelpFooter(List<Example> examples) {

    /** One example: its command line as a shell reads it, and the lines the footer shows it prints. */
    record Example(String line, List<String> shown) {
    }

    static HelpFooter of(String[] footer) {
        List<Example> out = new ArrayList<>();
        boolean examples = false;
        List<String> open = null;
        StringBuilder continued = null;
        for (String raw : footer) {
            if (continued != null) {
                String piece = raw.strip();
                if (piece.endsWith("\\")) {
                    continued.append(piece, 0, piece.length() - 1).append(' ');
                    continue;
                }
                String line = continued.append(piece).toString();
                continued = null;
                out.set(out.size() - 1, new Example(line, out.get(out.size() - 1).shown()));
                continue;
            }
            if (!raw.startsWith(" ")) {
                open = null;
                if (raw.startsWith("Example")) {
                    examples = true;
                } else if (!raw.isBlank()) {
                    examples = false;
                }
                continue;
            }
            if (!examples) {
                continue;
            }
            String l = raw.startsWith("  ") ? raw.substring(2) : raw.substring(1);
            boolean transcript = l.startsWith("$ ");
            if (transcript || l.startsWith("countersign ")) {
                String line = transcript ? l.substring(2) : l;
                open = transcript ? new ArrayList<>() : null;
                out.add(new Example(line.endsWith("\\") ? "" : line, open == null ? List.of() : open));
                if (line.endsWith("\\")) {
                    continued = new StringBuilder(line.substring(0, line.length() - 1));
                }
            } else if (open != null) {
                open.add(l.stripTrailing());
            }
        }
        return new HelpFooter(List.copyOf(out));
    }
}
