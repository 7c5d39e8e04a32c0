package io.countersign.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests of the formatter and of the diagnostics, read from {@code src/test/resources/golden}.
 *
 * <ul>
 *   <li>{@code golden/format/NAME.policy}: a valid, messily laid out file; {@code NAME.expected} is its
 *       canonical layout. Besides the exact text, each case checks that the input has no diagnostics, that
 *       the expected text is a fixed point of the formatter, and that input and expected text parse to the
 *       same AST (compared as {@link Formatter#format(PolicyFile)} without source, which ignores comments
 *       and positions).
 *   <li>{@code golden/errors/NAME.policy}, or a directory {@code golden/errors/NAME/} of {@code .policy}
 *       files compiled together as one policy set: {@code NAME.expected} is exactly what
 *       {@link Frontend.Result#render()} prints. Files are shown by their name (inside a directory case,
 *       their path relative to it), so the goldens do not depend on where the checkout lives.
 * </ul>
 *
 * <p>A case without its {@code .expected} file fails; so does an {@code .expected} file without a case.
 *
 * <p>To accept the current output after a deliberate change, run
 *
 * <pre>
 * mvn -o -pl dsl-grammar test -Dtest=GoldenTest -Dgolden.update=true
 * </pre>
 *
 * which rewrites (or creates) every {@code .expected} file under {@code src/test/resources/golden} instead of
 * comparing, and then review the change with {@code git diff} before committing it. Cases are discovered on the
 * test classpath ({@code target/test-classes}), which Maven does not prune: after deleting or renaming a case,
 * run {@code mvn clean} once so its stale copy is not picked up.
 */
class GoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicNode> format() throws IOException {
        Path dir = resourceDir("format");
        List<DynamicNode> cases = new ArrayList<>();
        for (Path input : inputs(dir)) {
            String name = caseName(input);
            cases.add(DynamicContainer.dynamicContainer(name, Stream.of(
                    DynamicTest.dynamicTest("canonical layout", () -> formatCase(dir, input)),
                    DynamicTest.dynamicTest("fixed point", () -> fixedPoint(dir, input)),
                    DynamicTest.dynamicTest("same AST as input", () -> sameAst(dir, input)))));
        }
        cases.add(DynamicTest.dynamicTest("every .expected has an input", () -> noOrphans(dir)));
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicNode> errors() throws IOException {
        Path dir = resourceDir("errors");
        List<DynamicNode> cases = new ArrayList<>();
        for (Path input : inputs(dir)) {
            cases.add(DynamicTest.dynamicTest(caseName(input), () -> errorCase(dir, input)));
        }
        cases.add(DynamicTest.dynamicTest("every .expected has an input", () -> noOrphans(dir)));
        return cases.stream();
    }

    // ---- format cases

    private static void formatCase(Path dir, Path input) throws IOException {
        String name = caseName(input);
        String text = read(input);
        Frontend.Result result = Frontend.compile(List.of(new SourceFile(input.getFileName().toString(), text)));
        assertEquals("", result.render(), name + ": a format case must be a valid policy file");
        String actual = Formatter.format(result.files().get(0), text);
        compare(dir, name, actual);
    }

    private static void fixedPoint(Path dir, Path input) throws IOException {
        String name = caseName(input);
        String expected = expected(dir, name);
        PolicyFile file = parse(name + ".expected", expected);
        String again = Formatter.format(file, expected);
        assertEquals(expected, again, () -> name + ": formatting the expected output again must not change it"
                + firstDifference(expected, again));
    }

    private static void sameAst(Path dir, Path input) throws IOException {
        String name = caseName(input);
        PolicyFile before = parse(input.getFileName().toString(), read(input));
        PolicyFile after = parse(name + ".expected", expected(dir, name));
        String b = Formatter.format(before);
        String a = Formatter.format(after);
        assertEquals(b, a, () -> name + ": the input and its formatted output must parse to the same AST"
                + firstDifference(b, a));
    }

    private static PolicyFile parse(String path, String text) {
        Parser.Result parsed = Parser.parse(new SourceFile(path, text));
        assertTrue(parsed.diagnostics().isEmpty(), () -> path + " does not parse cleanly: " + parsed.diagnostics());
        return parsed.file().orElseThrow();
    }

    // ---- error cases

    private static void errorCase(Path dir, Path input) throws IOException {
        String name = caseName(input);
        List<SourceFile> sources = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.walk(input)) {
                for (Path p : files.filter(GoldenTest::isPolicy).sorted().toList()) {
                    sources.add(new SourceFile(input.relativize(p).toString().replace('\\', '/'), read(p)));
                }
            }
            assertFalse(sources.isEmpty(), name + ": a directory case needs .policy files");
        } else {
            sources.add(new SourceFile(input.getFileName().toString(), read(input)));
        }
        String actual = Frontend.compile(sources).render();
        assertFalse(actual.isEmpty(), name + ": an error case must report something");
        compare(dir, name, actual);
    }

    // ---- files

    /** Compares with {@code NAME.expected}, or rewrites it when updating. */
    private static void compare(Path dir, String name, String actual) throws IOException {
        if (UPDATE) {
            Path source = sourceDir(dir).resolve(name + ".expected");
            Files.writeString(source, actual, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(name + ".expected"), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = expected(dir, name);
        assertEquals(expected, actual, () -> name + ": output differs from " + name + ".expected"
                + firstDifference(expected, actual));
    }

    /** Where two texts first differ, line by line, so a failure points at the line to look at. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<no line>";
            String al = i < a.length ? a[i] : "<no line>";
            if (!el.equals(al)) {
                return "; first difference at line " + (i + 1) + ":\n  expected: " + el + "\n  actual:   " + al
                        + "\n";
            }
        }
        return "";
    }

    private static String expected(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".expected");
        if (!Files.isRegularFile(file)) {
            fail(file.getFileName() + " is missing; run with -Dgolden.update=true to create it, then review it");
        }
        return read(file);
    }

    private static void noOrphans(Path dir) throws IOException {
        List<String> names = inputs(dir).stream().map(GoldenTest::caseName).toList();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".expected"))
                    .filter(f -> !names.contains(f.substring(0, f.length() - ".expected".length())))
                    .sorted().collect(Collectors.toList());
            assertEquals(List.of(), orphans, "expected files without a .policy input (or directory) in " + dir);
        }
    }

    /** The cases of a directory: its {@code .policy} files and its subdirectories, sorted by name. */
    private static List<Path> inputs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> isPolicy(p) || Files.isDirectory(p)).sorted().toList();
        }
    }

    private static boolean isPolicy(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".policy");
    }

    private static String caseName(Path input) {
        String file = input.getFileName().toString();
        return file.endsWith(".policy") ? file.substring(0, file.length() - ".policy".length()) : file;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code golden/KIND} as copied to the test classpath. */
    private static Path resourceDir(String kind) {
        URL url = GoldenTest.class.getResource("/golden/" + kind);
        if (url == null) {
            throw new IllegalStateException("no golden/" + kind + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a classpath golden directory comes from in the source tree, for {@code -Dgolden.update=true}. */
    private static Path sourceDir(Path classpathDir) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = module.resolve("src/test/resources/golden").resolve(classpathDir.getFileName().toString());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("cannot find " + dir + " to update; run from the dsl-grammar module");
        }
        return dir;
    }
}
