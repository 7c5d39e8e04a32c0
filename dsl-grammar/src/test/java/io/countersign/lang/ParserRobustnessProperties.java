package io.countersign.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Names;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * The front end takes any text: on noise and on broken policies, {@link Frontend#compile} and
 * {@link Parser#parse} come back promptly with diagnostics that point into the text, and never
 * throw. A file the grammar rejects has no AST.
 */
class ParserRobustnessProperties {

    /** Generous: a policy file of a few kilobytes compiles in milliseconds. */
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final int MAX_NOISE = 400;

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void noiseNeverBreaksTheFrontEnd(@ForAll("noise") String text) {
        assertRobust(text);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void brokenPoliciesNeverBreakTheFrontEnd(@ForAll("mutants") String text) {
        assertRobust(text);
    }

    /** Beyond the noise: nesting a few levels past what the front end accepts, and far past it. */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void deepNestingNeverBreaksTheFrontEnd(@ForAll("deep") String text) {
        // No independent grammar check here: the bare generated parser is what overflows on these.
        assertReportsWithoutThrowing(text);
    }

    static void assertRobust(String text) {
        Reported reported = assertReportsWithoutThrowing(text);
        if (syntaxErrors(text) > 0) {
            assertTrue(reported.parsed().file().isEmpty(), "a file with syntax errors has no AST");
            assertTrue(reported.parsed().hasErrors(), "a file with syntax errors has an error diagnostic");
            assertTrue(reported.compiled().files().isEmpty(), "a file with syntax errors is not checked");
        } else {
            assertTrue(reported.parsed().file().isPresent(),
                    () -> "the grammar accepts this text but the parser gave no AST: "
                            + reported.parsed().diagnostics());
            assertEquals(1, reported.compiled().files().size());
        }
    }

    /** What the front end said about one text. */
    record Reported(Frontend.Result compiled, Parser.Result parsed) {
    }

    /** Compiles and parses {@code text} within the time limit; diagnostics point into it; no AST only with an error. */
    static Reported assertReportsWithoutThrowing(String text) {
        SourceFile source = new SourceFile("fuzz.policy", text);
        Frontend.Result compiled = withinLimit(() -> Frontend.compile(List.of(source)));
        Parser.Result parsed = withinLimit(() -> Parser.parse(source));
        assertPointIntoSource(source, compiled.diagnostics());
        assertPointIntoSource(source, parsed.diagnostics());
        compiled.render(); // printing with the source line and caret must not throw either
        assertTrue(parsed.file().isPresent() || parsed.hasErrors(), "no AST, and no error saying why");
        return new Reported(compiled, parsed);
    }

    /**
     * Runs {@code call} on a worker thread and fails when it takes longer than {@link #LIMIT}. One
     * daemon thread is reused across tries (a thread per call cost more than the call); after a
     * timeout it is abandoned, still running, and the next call gets a fresh one.
     */
    static <T> T withinLimit(Callable<T> call) {
        Future<T> future = worker.submit(call);
        try {
            return future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("took longer than " + LIMIT.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError("threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "front-end-under-test");
            t.setDaemon(true);
            return t;
        });
    }

    /** Every diagnostic names the file, a line and column inside it (columns in code points), and says something. */
    static void assertPointIntoSource(SourceFile source, List<Diagnostic> diagnostics) {
        List<String> lines = source.lines();
        for (Diagnostic d : diagnostics) {
            String where = d.headline();
            assertEquals(source.path(), d.loc().file(), where);
            assertFalse(d.message().isBlank(), where);
            assertTrue(d.loc().line() >= 1 && d.loc().column() >= 1, () -> "position before the file: " + where);
            assertTrue(d.loc().line() <= lines.size(),
                    () -> "line past the end (" + lines.size() + " lines): " + where);
            String line = lines.get(d.loc().line() - 1);
            assertTrue(d.loc().column() <= line.codePointCount(0, line.length()) + 1,
                    () -> "column past the end of line " + d.loc().line() + " " + show(line) + ": " + where);
        }
    }

    /** Syntax errors as the bare generated lexer and parser count them, independently of {@link Parser}. */
    static int syntaxErrors(String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        int errors = 0;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == PolicyLexer.ERROR_CHAR || t.getType() == PolicyLexer.UNTERMINATED_STRING) {
                errors++;
            }
        }
        PolicyParser parser = new PolicyParser(tokens);
        parser.removeErrorListeners();
        parser.file();
        return errors + parser.getNumberOfSyntaxErrors();
    }

    // ---- noise

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> separator = Arbitraries.of("", " ", " ", "\n");
        return PolicyArbitraries.combine(fragments(), separator).as((f, s) -> f + s).list().ofMaxSize(120)
                .map(parts -> {
                    String text = String.join("", parts);
                    return text.length() > MAX_NOISE ? text.substring(0, MAX_NOISE) : text;
                });
    }

    /** Pieces of policy text, well formed or not, and characters that have no place in one. */
    static Arbitrary<String> fragments() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(4);
        Arbitrary<String> strings = PolicyArbitraries.strings().map(Formatter::string);
        return PolicyArbitraries.weighted(List.of(Tuple.of(14, Arbitraries.of(TOKENS)),
                Tuple.of(2, PolicyArbitraries.names()), Tuple.of(1, any), Tuple.of(1, strings)));
    }

    /** Keywords, punctuation, literals good and bad, whitespace of every kind. */
    static final List<String> TOKENS;

    static {
        List<String> tokens = new ArrayList<>(Names.RESERVED);
        tokens.add("requester");
        tokens.addAll(List.of("{", "}", "(", ")", "[", "]", ",", ".", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-",
                "#", "\"", "\\", "'", ";", ":", "mon-fri", "fri-mon", "self-approval"));
        tokens.addAll(List.of("0", "1", "-1", "007", "1.50", "-0.0", "1.", ".5", "1h30m", "90s", "7d", "2w", "0s",
                "1m1h", "1h1h", "999999999999w", "99999999999999999999", "08:00", "23:59", "24:00", "9:00", "12:345",
                "2026-03-02", "2026-02-30", "0000-00-00", "\"str\"", "\"\"", "\"\\q\"", "\"\\u12\"",
                "\"\\u00e9\"", "\"\\", "\"unterminated", "\"Europe/Berlin\"", "\"Mars/Olympus\"", "\"(a|b\"",
                "\"[\"", "# comment\n"));
        tokens.addAll(List.of(" ", "  ", "\n", "\t", "\r", "\r\n", "\n\n", "\u00a0", "\ufeff", "\u2028", "\f",
                "\u000b"));
        TOKENS = List.copyOf(tokens);
    }

    // ---- deep nesting

    @Provide
    Arbitrary<String> deep() {
        Arbitrary<String> opener = Arbitraries.of("(", "[", "not ", "not (", "x == [", "(not ", "requester.a in [",
                "has x and (", "a == 1 or (");
        Arbitrary<Integer> levels = PolicyArbitraries.weighted(List.of(
                Tuple.of(3, Arbitraries.integers().between(90, 110)),
                Tuple.of(1, Arbitraries.integers().between(0, 3000))));
        Arbitrary<String> middle = Arbitraries.of("true", "x == 1", "", "]", ")", "1");
        Arbitrary<String> closer = Arbitraries.of(")", "]", ") and b == 2", "");
        Arbitrary<String> template = Arbitraries.of("policy p { rule r { when %s then approve } }",
                "policy p { scope %s }", "policy p { rule r { then approve condition c = %s } }", "%s");
        Arbitrary<String> open = PolicyArbitraries.combine(opener, levels, opener, levels)
                .as((a, n, b, m) -> a.repeat(n) + b.repeat(m / 10));
        Arbitrary<String> close = PolicyArbitraries.combine(closer, levels).as((c, n) -> c.repeat(n));
        return PolicyArbitraries.combine(template, open, middle, close)
                .as((t, o, m, c) -> t.formatted(o + m + c));
    }

    // ---- mutants

    @Provide
    Arbitrary<String> mutants() {
        // Mostly the example policies (comments, real layout); some generated ones for every construct,
        // one policy each (generating a tree costs more than compiling it).
        Arbitrary<String> seeds = PolicyArbitraries.weighted(List.of(
                Tuple.of(9, Arbitraries.of(ExamplePolicies.TEXTS)), Tuple.of(1, PolicyArbitraries.policies()
                        .map(p -> Formatter.format(new PolicyFile("gen.policy", List.of(p), List.of()))))));
        // Fragments are picked from a list here: mutants are many, and each picks several.
        Arbitrary<Mutation> mutation = PolicyArbitraries.combine(Arbitraries.of(Mutation.Kind.class),
                        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.of(TOKENS))
                .as(Mutation::new);
        return PolicyArbitraries.combine(seeds, mutation.list().ofMinSize(1).ofMaxSize(6)).as((seed, mutations) -> {
            String text = seed;
            for (Mutation m : mutations) {
                text = m.apply(text);
            }
            return text;
        });
    }

    /** One edit of a policy text, at token or at character level; positions wrap around the text. */
    record Mutation(Kind kind, int at, int other, String fragment) {

        enum Kind {
            DELETE_TOKEN, INSERT_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, REPLACE_TOKEN, DELETE_CHAR, INSERT_CHAR,
            REPLACE_CHAR, TRUNCATE, DELETE_LINE
        }

        /**
         * Roughly the lexer's tokens, never finer: a word keeps its dashes and colons ({@code mon-fri},
         * {@code 08:00-19:00}, {@code x-}), so that putting something between two of these tokens
         * never splits one of the lexer's.
         */
        private static final Pattern TOKEN = Pattern.compile(
                "\\s+|[A-Za-z0-9_][A-Za-z0-9_:-]*(?:\\.[0-9]+)?|\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"?|#[^\\r\\n]*"
                        + "|==|!=|<=|>=|.",
                Pattern.DOTALL);

        String apply(String text) {
            List<String> tokens = tokens(text);
            int n = tokens.size();
            switch (kind) {
                case DELETE_TOKEN -> {
                    if (n > 0) {
                        tokens.remove(at % n);
                    }
                }
                case INSERT_TOKEN -> tokens.add(at % (n + 1), " " + fragment + " ");
                case DUPLICATE_TOKEN -> {
                    if (n > 0) {
                        tokens.add(at % n, tokens.get(at % n));
                    }
                }
                case SWAP_TOKENS -> {
                    if (n > 0) {
                        String a = tokens.get(at % n);
                        tokens.set(at % n, tokens.get(other % n));
                        tokens.set(other % n, a);
                    }
                }
                case REPLACE_TOKEN -> {
                    if (n > 0) {
                        tokens.set(at % n, fragment);
                    }
                }
                case DELETE_CHAR -> {
                    return text.isEmpty() ? text : text.substring(0, at % text.length())
                            + text.substring(at % text.length() + 1);
                }
                case INSERT_CHAR -> {
                    int i = at % (text.length() + 1);
                    String c = fragment.isEmpty() ? "\u0000" : fragment.substring(0, 1);
                    return text.substring(0, i) + c + text.substring(i);
                }
                case REPLACE_CHAR -> {
                    if (text.isEmpty()) {
                        return text;
                    }
                    int i = at % text.length();
                    return text.substring(0, i) + (char) (other % 0x3000) + text.substring(i + 1);
                }
                case TRUNCATE -> {
                    return text.substring(0, at % (text.length() + 1));
                }
                case DELETE_LINE -> {
                    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                    lines.remove(at % lines.size());
                    return String.join("\n", lines);
                }
            }
            return String.join("", tokens);
        }

        static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
            return tokens;
        }
    }

    // ---- helpers

    private static String show(String line) {
        return '"' + line.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
