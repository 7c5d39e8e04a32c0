package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The examples in the help of {@code policy explain} and {@code policy check} run against the
 * repository's policies and print what the help says ({@code ...} ends a line that goes on).
 */
class HelpExamplesTest {
    static final Path POLICIES = Path.of("..", "policies").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The footer lines of {@code command}, without their two-space indent. */
    static List<String> footer(Class<?> command) {
        String[] lines = new CommandLine(command).getCommandSpec().usageMessage().footer();
        return Arrays.stream(lines).map(l -> l.startsWith("  ") ? l.substring(2) : l).toList();
    }

    /** The lines printed after the example line starting with {@code $ prefix}, up to the next example or blank. */
    static List<String> shown(List<String> footer, String prefix) {
        List<String> out = new ArrayList<>();
        int i = footer.indexOf(footer.stream().filter(l -> l.startsWith("$ " + prefix)).findFirst().orElseThrow());
        while (footer.get(i + 1).startsWith("    ")) { // a continued command line
            i++;
        }
        for (int j = i + 1; j < footer.size() && !footer.get(j).isBlank() && !footer.get(j).startsWith("$ "); j++) {
            out.add(footer.get(j));
        }
        return out;
    }

    static void printsInOrder(List<String> expected, String actual) {
        List<String> lines = actual.lines().toList();
        int at = 0;
        for (String e : expected) {
            String prefix = e.endsWith("...") ? e.substring(0, e.length() - 3) : null;
            while (at < lines.size() && !(prefix == null ? lines.get(at).equals(e) : lines.get(at).startsWith(prefix))) {
                at++;
            }
            assertTrue(at < lines.size(), "the help shows '" + e + "', the command printed:\n" + actual);
            at++;
        }
    }

    @Test
    void explainsTheHelpsRequestAsTheHelpShows() throws IOException {
        List<String> footer = footer(PolicyExplain.class);
        String echo = footer.stream().filter(l -> l.startsWith("$ echo '")).findFirst().orElseThrow();
        Path request = Files.writeString(dir.resolve("request.json"), echo.substring(8, echo.lastIndexOf('\'')));
        Run r = Run.of("policy", "explain", "--policies", POLICIES.toString(), "--request", request.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = shown(footer, "echo");
        assertEquals(4, expected.size(), "the example shows its output: " + footer);
        printsInOrder(expected, r.out());
    }

    @Test
    void checksAsTheHelpShows() throws IOException {
        List<String> footer = footer(PolicyCheck.class);
        Run json = Run.of("policy", "check", "--output", "json", POLICIES.toString());
        assertEquals(0, json.exit(), json.err());
        assertEquals(shown(footer, "countersign policy check --output json"), json.out().lines().toList());

        Path copy = Files.createDirectories(dir.resolve("policies"));
        try (Stream<Path> files = Files.list(POLICIES)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.writeString(copy.resolve("prod.policy"), "policy prod {\n  rule x {\n    when user.name == \"x\"\n"
                + "    then approve\n  }\n}\n");
        Run broken = Run.of("policy", "check", copy.toString());
        assertEquals(2, broken.exit());
        List<String> expected = shown(footer, "countersign policy check policies/");
        printsInOrder(expected.subList(0, 3).stream().map(l -> l.replace("policies/prod.policy:7:10",
                copy.resolve("prod.policy") + ":3:10").replace(" 7 |", " 3 |")).toList(), broken.err());
        assertEquals(List.of(expected.get(3)), broken.out().lines().toList());
    }
}
