package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What policy check does with input made to hurt: a file far too large, a line of megabytes with an
 * error on every rule, kilobytes of garbage, a file that is not UTF-8 among many good ones. Output and
 * memory stay bounded by the input, never a stack trace.
 */
class BoundedInputTest {

    @TempDir
    Path dir;

    /** One line of rules, every one a duplicate of the first: an error per rule, each pointing into the line. */
    static String oneLine(int bytes) {
        StringBuilder s = new StringBuilder("policy p { scope profile matches \"x-*\" default deny \"no\" ");
        for (int i = 0; s.length() < bytes; i++) {
            s.append("rule r { when profile == \"x-").append(i).append("\" and duration <= 1h then approve } ");
        }
        return s.append("}").toString();
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.policy");
        Files.writeString(big, oneLine(6_600_000));
        Run run = Run.of("policy", "check", big.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith(big + ": error: too large (6.6 MB; a file may have at most 4 MiB)"), run.err());
        assertTrue(run.err().length() < 200, run.err());
        assertEquals("1 file, 0 policies, 0 rules: 1 error, 0 warnings\n", run.out());
    }

    @Test
    void aLongLineWithAnErrorOnEveryRuleGivesTwentyCutDiagnostics() throws IOException {
        Path f = dir.resolve("dup.policy");
        String text = oneLine(1_000_000);
        Files.writeString(f, text);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Run run = Run.of("policy", "check", f.toString());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(2, run.exit());
        long errors = run.err().lines().filter(l -> l.contains(": error: ")).count();
        assertEquals(20, errors, run.err().substring(0, 2000));
        assertTrue(run.err().contains(f + ": and "), run.err().substring(run.err().length() - 500));
        // every source line shown is cut around its caret
        run.err().lines().forEach(l -> assertTrue(l.length() < 200, () -> "a line of " + l.length() + " characters"));
        assertTrue(run.err().length() < 20_000, "stderr holds " + run.err().length() + " characters");
        // quadratic printing (the whole line per diagnostic) would allocate terabytes; linear work, a few hundred MB
        assertTrue(allocated < 400L * text.length(), "allocated " + allocated / 1_000_000 + " MB for a 1 MB file");
    }

    @Test
    void garbageGivesBoundedDiagnostics() throws IOException {
        Random random = new Random(15);
        String alphabet = "abc(){}\"=<>!@#$%^&*;:,.0123 \n";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Path f = dir.resolve("garbage.policy");
        Files.writeString(f, s);
        // and the same without line breaks: one line of 100 KB
        Path g = dir.resolve("garbage-line.policy");
        Files.writeString(g, s.toString().replace('\n', ' ').replace('"', '@'));
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().length() < 50_000, "stderr holds " + run.err().length() + " characters");
        assertTrue(run.err().contains(f + ": and "), run.err());
        assertTrue(run.err().lines().filter(l -> l.startsWith(g + ":")).count() <= 20, run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void oneFileThatIsNotUtf8AmongManyHidesNothingElse() throws IOException {
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve(String.format("p%03d.policy", i)), "policy p" + i + " {\n  rule r { then approve }\n}\n");
        }
        Files.writeString(dir.resolve("p150.policy"), "policy p150 {\n  rule r { when user.x == 1 then approve }\n}\n");
        Path latin1 = dir.resolve("p100.policy");
        Files.write(latin1, "policy caf\u00e9 {}\n".getBytes(StandardCharsets.ISO_8859_1));
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(latin1 + ": error: not valid UTF-8 text (byte 11)"), run.err());
        assertTrue(run.err().contains(dir.resolve("p150.policy") + ":2:17: error: unknown attribute 'user'"), run.err());
        assertEquals("200 files, 199 policies, 199 rules: 2 errors, 0 warnings\n", run.out());

        JsonNode json = Json.mapper().readTree(Run.of("policy", "check", "--output", "json", dir.toString()).out());
        assertEquals(2, json.get("errors").asInt());
        assertEquals(latin1.toString(), json.get("diagnostics").get(0).get("file").asText());
        assertEquals(2, json.get("diagnostics").get(1).get("line").asInt());
    }

    @Test
    void aBrokenDirectoryIsAnErrorOfCheckAtItsPosition() throws IOException {
        Files.writeString(dir.resolve("a.policy"), "policy a {\n  rule r { then approve }\n}\n");
        Files.writeString(dir.resolve("directory.yaml"), "users:\n  alice: {groups: [sre-leads]\n  bob: x\n");
        Run run = Run.of("policy", "check", "--policies", dir.toString());
        assertEquals(2, run.exit(), run.err());
        String yaml = dir.resolve("directory.yaml").toString();
        assertTrue(run.err().startsWith(yaml + ":3:3: error: not valid YAML: expected ',' or '}', but got a value"
                + " (in the flow mapping at line 2, column 10)\n"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());

        Files.writeString(dir.resolve("directory.yaml"), "users:\n  alice: {groups: 3}\n");
        Run typed = Run.of("policy", "check", dir.toString());
        assertEquals(2, typed.exit());
        assertTrue(typed.err().contains(yaml + ":2:19: error: field 'users.alice.groups': expected a list"), typed.err());
    }
}
