package io.countersign.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.Frontend;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Checker;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deep nesting is a diagnostic, not a {@link StackOverflowError}. Found probing beyond the
 * 400-character noise of ParserRobustnessProperties: {@code when} followed by a thousand
 * {@code (} made {@link Parser#parse} throw, and ten thousand {@code not} did too.
 */
class DeepNestingTest {

    private static final String RULE = "policy p { rule r { when %s then approve } }";

    /** Runs on a thread with a small stack, so the test does not pass only thanks to a big main stack. */
    private static Frontend.Result compile(String text) throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(Frontend.compile(List.of(new SourceFile("deep.policy", text))));
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        if (out.get() instanceof Throwable e) {
            throw new AssertionError("compile threw " + e, e);
        }
        return (Frontend.Result) out.get();
    }

    private static void assertTooDeep(String text, int line, int column) throws InterruptedException {
        Frontend.Result result = compile(text);
        assertTrue(result.files().isEmpty());
        Diagnostic d = result.diagnostics().get(0);
        assertTrue(d.message().startsWith("conditions and lists nest too deeply"), d::headline);
        assertEquals(line, d.loc().line(), d::headline);
        assertEquals(column, d.loc().column(), d::headline);
    }

    @Test
    void tooManyParentheses() throws InterruptedException {
        String when = "(".repeat(10_000) + "true" + ")".repeat(10_000);
        assertTooDeep(RULE.formatted(when), 1, 26 + 100); // the 101st '('
        assertTooDeep(RULE.formatted("(".repeat(1000)), 1, 26 + 100); // unclosed, as the first fuzz case
    }

    @Test
    void tooLongAChainOfNot() throws InterruptedException {
        assertTooDeep(RULE.formatted("not ".repeat(10_000) + "true"), 1, 26 + 4 * 100);
    }

    @Test
    void notsAndParenthesesAddUp() throws InterruptedException {
        // Fifty 'not (' open a hundred levels; the next 'not' is one too many.
        assertTooDeep(RULE.formatted("not (".repeat(51) + "true" + ")".repeat(51)), 1, 26 + 5 * 50);
    }

    @Test
    void tooManyBrackets() throws InterruptedException {
        assertTooDeep(RULE.formatted("x == " + "[".repeat(10_000) + "]".repeat(10_000)), 1, 31 + 100);
    }

    @Test
    void aHundredLevelsStillParseCheckAndFormat() throws InterruptedException {
        String when = "not (".repeat(49) + "x == [[]]" + ")".repeat(49); // 98 + 2 levels
        Frontend.Result result = compile(RULE.formatted(when));
        assertEquals(1, result.files().size(), result::render);
        PolicyFile file = result.files().get(0);
        Checker.check(List.of(file));
        String formatted = Formatter.format(file);
        assertEquals(1, compile(formatted).files().size());
    }
}
