package io.countersign.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line edits that formatting sends turn the text into the formatted one, and touch only what changed. */
class LineDiffTest {

    @Test
    void changesAreTheRunsOfLinesThatDiffer() {
        List<LineDiff.Hunk> hunks = LineDiff.hunks("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assertEquals(List.of(new LineDiff.Hunk(1, 2, 2, 4, "B\n"), new LineDiff.Hunk(4, 4, 8, 8, "e\n")), hunks);
        assertEquals(List.of(), LineDiff.hunks("same\n", "same\n"));
        // A change of line break alone is a change: CRLF becomes LF, as policy fmt writes.
        assertEquals(List.of(new LineDiff.Hunk(0, 1, 0, 3, "a\n")), LineDiff.hunks("a\r\n", "a\n"));
    }

    @Test
    void applyingTheHunksGivesTheTarget() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            String before = lines(random);
            String after = lines(random);
            StringBuilder out = new StringBuilder(before);
            List<LineDiff.Hunk> hunks = LineDiff.hunks(before, after);
            for (int i = hunks.size() - 1; i >= 0; i--) {
                LineDiff.Hunk h = hunks.get(i);
                out.replace(h.fromOffset(), h.toOffset(), h.replacement());
            }
            assertEquals(after, out.toString(), before + " -> " + after);
        }
    }

    private static String lines(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            out.append("abc".charAt(random.nextInt(3))).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        if (random.nextBoolean()) {
            out.append('z');
        }
        return out.toString();
    }
}
