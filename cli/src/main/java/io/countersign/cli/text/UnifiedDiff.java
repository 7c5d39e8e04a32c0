package io.countersign.cli.text;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line, with three lines of context, as {@code diff -u} prints it. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    /** Past this many cells the longest-common-subsequence table is not built; the whole file is one hunk. */
    private static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {
    }

    private record Edit(char op, String line) {
    }

    public static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int oldStart = 1;
            int newStart = 1;
            for (int k = 0; k < start; k++) {
                if (edits.get(k).op() != '+') {
                    oldStart++;
                }
                if (edits.get(k).op() != '-') {
                    newStart++;
                }
            }
            int oldLen = 0;
            int newLen = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                Edit e = edits.get(k);
                if (e.op() != '+') {
                    oldLen++;
                }
                if (e.op() != '-') {
                    newLen++;
                }
                body.append(e.op()).append(e.line()).append('\n');
            }
            out.append("@@ -").append(oldLen == 0 ? oldStart - 1 : oldStart).append(',').append(oldLen)
                    .append(" +").append(newLen == 0 ? newStart - 1 : newStart).append(',').append(newLen)
                    .append(" @@\n").append(body);
            i = end;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        List<Edit> out = new ArrayList<>();
        if ((long) a.size() * b.size() > MAX_CELLS) {
            a.forEach(l -> out.add(new Edit('-', l)));
            b.forEach(l -> out.add(new Edit('+', l)));
            return out;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i++)));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Edit('-', a.get(i++)));
            } else {
                out.add(new Edit('+', b.get(j++)));
            }
        }
        while (i < a.size()) {
            out.add(new Edit('-', a.get(i++)));
        }
        while (j < b.size()) {
            out.add(new Edit('+', b.get(j++)));
        }
        return out;
    }
}
