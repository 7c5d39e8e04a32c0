package io.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The README's command blocks that run {@code ./countersign}: fenced blocks (no language or a shell's)
 * and indented ones. A block whose lines start with {@code $ } is a transcript — each command followed by
 * what it prints; any other is a script, run line by line.
 */
record ReadmeBlocks(List<Block> blocks) {

    private static final Set<String> SHELLS = Set.of("", "bash", "sh", "shell", "console");

    /** One block: where it starts in the README (1-based) and its lines. */
    record Block(int line, List<String> lines) {
        boolean transcript() {
            return lines.stream().anyMatch(l -> l.startsWith("$ "));
        }

        /** Lines joined where they end with a backslash (a command continued on the next line). */
        List<String> joined() {
            List<String> out = new ArrayList<>();
            StringBuilder pending = null;
            for (String l : lines) {
                String piece = pending == null ? l : l.strip();
                if (piece.endsWith("\\")) {
                    pending = (pending == null ? new StringBuilder() : pending)
                            .append(piece, 0, piece.length() - 1).append(' ');
                    continue;
                }
                out.add(pending == null ? piece : pending.append(piece).toString());
                pending = null;
            }
            return out;
        }

        /**
         * A transcript as entries: each {@code $ } command and the lines it prints, up to the next
         * command or a blank line.
         */
        List<Entry> entries() {
            List<Entry> out = new ArrayList<>();
            Entry open = null;
            for (String l : joined()) {
                if (l.startsWith("$ ")) {
                    open = new Entry(l.substring(2), new ArrayList<>());
                    out.add(open);
                } else if (l.isBlank()) {
                    open = null;
                } else if (open != null) {
                    open.expected().add(l);
                }
            }
            return out;
        }
    }

    /** A transcript's command and what the README says it prints (empty: it shows nothing). */
    record Entry(String command, List<String> expected) {
    }

    static ReadmeBlocks of(String readme) {
        List<String> lines = readme.lines().toList();
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```")) {
                String language = l.substring(3).strip();
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                if (SHELLS.contains(language)) {
                    add(out, start, lines.subList(start, end));
                }
                i = end;
            } else if (l.startsWith("    ") && (i == 0 || lines.get(i - 1).isBlank())) {
                int end = i;
                List<String> body = new ArrayList<>();
                while (end < lines.size() && (lines.get(end).startsWith("    ") || lines.get(end).isBlank())) {
                    body.add(lines.get(end).isBlank() ? "" : lines.get(end).substring(4));
                    end++;
                }
                add(out, i, body);
                i = end - 1;
            }
        }
        return new ReadmeBlocks(out);
    }

    private static void add(List<Block> out, int startIndex, List<String> body) {
        if (body.stream().anyMatch(l -> l.contains("./countersign"))) {
            out.add(new Block(startIndex + 1, List.copyOf(body)));
        }
    }
}
