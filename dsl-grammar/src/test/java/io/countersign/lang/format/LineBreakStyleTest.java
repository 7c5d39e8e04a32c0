package io.countersign.lang.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A file formats the same whether its lines end in {@code \n}, {@code \r\n} or {@code \r}. Found by
 * FormatRoundTripProperties.lineBreaksFormatAlikeInEveryStyle: with {@code \r} line breaks the
 * blank line after a comment was dropped, and (before positions counted {@code \r} as a line
 * break) comments at the end of a line moved.
 */
class LineBreakStyleTest {

    private static String format(String text) {
        return Formatter.format(Parser.parse(new SourceFile("t.policy", text)).file().orElseThrow(), text);
    }

    private static void assertFormatsAlikeInEveryStyle(String lf, String expected) {
        assertEquals(expected, format(lf));
        assertEquals(expected, format(lf.replace("\n", "\r\n")), "with \\r\\n line breaks");
        assertEquals(expected, format(lf.replace("\n", "\r")), "with \\r line breaks");
    }

    @Test
    void blankLineAfterACommentStays() {
        // The shrunk sample: a comment with blank lines around it before the first policy.
        assertFormatsAlikeInEveryStyle("\n\n# after a gap\n\npolicy p {\n}\n", "# after a gap\n\npolicy p {\n}\n");
    }

    @Test
    void commentsStayAtTheEndOfTheirLineOrOnTheirOwn() {
        String text = "policy p {  # p\n  rule r {\n    # own line\n    then approve  # r\n  }\n}\n";
        assertFormatsAlikeInEveryStyle(text, text);
    }
}
