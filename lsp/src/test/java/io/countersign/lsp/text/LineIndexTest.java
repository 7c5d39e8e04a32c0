package io.countersign.lsp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.lang.ast.Loc;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** The front end's code-point positions and the protocol's UTF-16 ones, on every kind of line break. */
class LineIndexTest {

    @Test
    void codePointColumnsBecomeUtf16UnitsOnLinesEndedEveryWay() {
        // Line 2 (1-based) holds an emoji (2 units, 1 code point) before 'x'; lines end in \r\n, \r and \n.
        String text = "ab\r\n\uD83D\uDE00x\rcd\n";
        LineIndex lines = new LineIndex(text);
        assertEquals(4, lines.lineCount());
        assertEquals(new Position(1, 2), lines.position(2, 2));
        assertEquals(new Position(1, 3), lines.position(2, 3));
        assertEquals(new Position(2, 1), lines.position(3, 2));
        assertEquals("\uD83D\uDE00x", lines.line(1));
        // Loc offsets count code points: 'x' is code point 5 (a, b, \r, \n, emoji).
        assertEquals(5, lines.codePointOffset(new Position(1, 2)));
        assertEquals(new Range(new Position(1, 2), new Position(1, 3)),
                lines.range(new Loc("f", 2, 2, 2, 3, 5, 6)));
    }

    @Test
    void positionsPastALineOrTheTextAreClamped() {
        LineIndex lines = new LineIndex("abc\nde");
        assertEquals(3, lines.offset(new Position(0, 99)));
        assertEquals(6, lines.offset(new Position(9, 0)));
        assertEquals(new Position(1, 2), lines.position(99));
        assertEquals(new Position(0, 3), lines.position(1, 50));
        assertEquals(new Range(new Position(0, 0), new Position(0, 0)), lines.range(Loc.NONE));
    }
}
