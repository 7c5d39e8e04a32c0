package io.countersign.lsp.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines that differ between two texts, as replacements of runs of lines. Lines keep their line
 * breaks, so a change of line break alone is a change. Common lines at both ends are matched first;
 * what is left is matched by longest common subsequence when small, or replaced as one run.
 */
final class LineDiff {

    /** Work bound for the subsequence table; beyond it the middle is replaced whole. */
    private static final long MAX_CELLS = 4_000_000;

    /**
     * Original lines {@code [fromLine, toLine)}, at string offsets {@code [fromOffset, toOffset)}, become
     * {@code replacement}.
     */
    record Hunk(int fromLine, int toLine, int fromOffset, int toOffset, String replacement) {
    }

    private LineDiff() {
    }

    static List<Hunk> hunks(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[] offsets = new int[a.size() + 1];
        for (int i = 0; i < a.size(); i++) {
            offsets[i + 1] = offsets[i] + a.get(i).length();
        }
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Hunk> out = new ArrayList<>();
        if (start == endA && start == endB) {
            return out;
        }
        long cells = (long) (endA - start + 1) * (endB - start + 1);
        if (cells > MAX_CELLS) {
            out.add(new Hunk(start, endA, offsets[start], offsets[endA], String.join("", b.subList(start, endB))));
            return out;
        }
        int n = endA - start;
        int m = endB - start;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(start + i).equals(b.get(start + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        int runA = -1;
        int runB = -1;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(start + i).equals(b.get(start + j))) {
                if (runA >= 0) {
                    out.add(hunk(a, b, offsets, start + runA, start + i, start + runB, start + j));
                    runA = -1;
                }
                i++;
                j++;
                continue;
            }
            if (runA < 0) {
                runA = i;
                runB = j;
            }
            if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                j++;
            } else {
                i++;
            }
        }
        if (runA >= 0) {
            out.add(hunk(a, b, offsets, start + runA, start + n, start + runB, start + m));
        }
        return out;
    }

    private static Hunk hunk(List<String> a, List<String> b, int[] offsets, int fromA, int toA, int fromB, int toB) {
        return new Hunk(fromA, toA, offsets[fromA], offsets[toA], String.join("", b.subList(fromB, toB)));
    }

    /** The lines of a text, each with its line break; the last may have none. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                out.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }
}
