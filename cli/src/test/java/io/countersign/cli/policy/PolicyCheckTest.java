package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckTest {

    @TempDir
    Path dir;

    @Test
    void cleanSetExitsZeroAndSummarises() throws IOException {
        Files.writeString(dir.resolve("a.policy"), "policy a {\n  rule r {\n    then approve\n  }\n}\n");
        Files.createDirectories(dir.resolve("nested/deeper"));
        Files.writeString(dir.resolve("nested/deeper/b.policy"), "policy b {\n  default deny \"no\"\n}\n");
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("2 files, 2 policies, 1 rule: 0 errors, 0 warnings\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void errorsAcrossFilesAreAllReportedWithPositionAndCaretAndExitTwo() throws IOException {
        Path a = dir.resolve("a.policy");
        Files.writeString(a, "policy a {\n  rule r {\n    when user.name == \"x\"\n    then approve\n  }\n}\n");
        Path b = dir.resolve("b.policy");
        Files.writeString(b, "policy b {\n  rule r { then approve }\n  rule r { then approve }\n}\n");
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(a + ":3:10: error: unknown attribute 'user'"), run.err());
        assertTrue(run.err().contains("   3 |     when user.name == \"x\"\n     |          ^^^^^^^^^\n"), run.err());
        assertTrue(run.err().contains(b + ":3:8: error: duplicate rule 'r' in policy b"), run.err());
        assertTrue(run.out().contains("2 errors"), run.out());
    }

    @Test
    void warningsArePrintedButPass() throws IOException {
        Files.writeString(dir.resolve("w.policy"), "policy w {\n  rule a { then approve condition x = 1 }\n"
                + "  rule b { then approve condition x = 2 }\n}\n");
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(":3:39: warning: condition 'x' is set to a different value by w/a"), run.err());
        assertTrue(run.out().contains("1 warning"), run.out());
    }

    @Test
    void missingPathIsBadInput() {
        Run run = Run.of("policy", "check", dir.resolve("nope").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("nope: no such file or directory"), run.err());
    }

    @Test
    void directoryWithoutPoliciesIsBadInput() {
        Run run = Run.of("policy", "check", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no .policy files under"), run.err());
    }

    @Test
    void textThatIsNotUtf8IsBadInputNamingTheFile() throws IOException {
        Path f = dir.resolve("latin1.policy");
        Files.write(f, new byte[] {'p', 'o', 'l', 'i', 'c', 'y', ' ', (byte) 0xE9, '\n'});
        Run run = Run.of("policy", "check", f.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(f + ": error: not valid UTF-8 text (byte 8)"), run.err());
    }
}
