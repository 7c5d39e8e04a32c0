package io.countersign.lang.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    void plainTextIsLeftAsWritten() {
        String text = "Rotate the database credentials: café, 東京, emoji 😀, C:\\temp";
        assertSame(text, Escape.text(text));
    }

    @Test
    void lineBreaksAndTabsAreShownAsEscapes() {
        assertEquals("Fix\\nstage 1 of 1 waiting: nothing\\r\\tx", Escape.text("Fix\nstage 1 of 1 waiting: nothing\r\tx"));
    }

    @Test
    void terminalControlsAreShownAsEscapes() {
        assertEquals("\\x1B[31mred\\x1B[0m \\x07 \\x00 \\x7F", Escape.text("\u001b[31mred\u001b[0m \u0007 \u0000 \u007f"));
        // C1 controls: CSI (U+009B) starts an escape sequence on some terminals, NEL (U+0085) breaks a line
        assertEquals("\\x9B31m \\x85", Escape.text("\u009b31m \u0085"));
    }

    @Test
    void bidiOverridesIsolatesAndMarksAreShownAsEscapes() {
        assertEquals("\\u202Eevil\\u202C \\u2066x\\u2069 \\u200E\\u200F\\u061C \\u202A\\u202B\\u202D",
                Escape.text("\u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c \u202a\u202b\u202d"));
    }

    @Test
    void invisibleCharactersAreShownAsEscapes() {
        assertEquals("a\\u200Bb\\u200Dc\\u2060d\\uFEFFe\\xADf\\u3164g\\u2028h\\u2029i",
                Escape.text("a\u200bb\u200dc\u2060d\ufeffe\u00adf\u3164g\u2028h\u2029i"));
        // a tag character (plane 14) and a lone surrogate
        assertEquals("x\\U000E0041y\\uD800z", Escape.text("x\uDB40\uDC41y\uD800z"));
    }

    @Test
    void nothingUnsafeSurvives() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x30000; cp++) {
            all.appendCodePoint(cp);
        }
        String out = Escape.text(all);
        out.codePoints().forEach(cp -> assertFalse(Escape.unsafe(cp), () -> String.format("U+%04X survived", cp)));
        assertTrue(out.length() > all.length());
    }

    @Test
    void widthIsTheEscapesLength() {
        assertEquals(1, Escape.width('a'));
        assertEquals(4, Escape.width(0x1b));
        assertEquals(6, Escape.width(0x202e));
        assertEquals(10, Escape.width(0xE0041));
    }
}
