package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFmtTest {

    static final String MESSY = "policy p {  # the p policy\nrule r{when profile==\"x\" then approve cap duration 1h}\n}\n";
    static final String CANONICAL = "policy p {  # the p policy\n  rule r {\n    when profile == \"x\"\n"
            + "    then approve\n      cap duration 1h\n  }\n}\n";

    @TempDir
    Path dir;

    @Test
    void rewritesInPlaceAndIsIdempotent() throws IOException {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, MESSY);
        Run run = Run.of("policy", "fmt", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("formatted " + f + "\n", run.out());
        assertEquals(CANONICAL, Files.readString(f));
        Run again = Run.of("policy", "fmt", dir.toString());
        assertEquals(0, again.exit());
        assertEquals("", again.out());
        assertEquals(CANONICAL, Files.readString(f));
    }

    @Test
    void checkNamesFilesThatWouldChangeAndExitsOneWithoutWriting() throws IOException {
        Path messy = dir.resolve("messy.policy");
        Path tidy = dir.resolve("tidy.policy");
        Files.writeString(messy, MESSY);
        Files.writeString(tidy, CANONICAL.replace("policy p", "policy q"));
        Run run = Run.of("policy", "fmt", "--check", dir.toString());
        assertEquals(1, run.exit());
        assertEquals(messy + "\n", run.out());
        assertEquals(MESSY, Files.readString(messy));
        assertEquals(0, Run.of("policy", "fmt", "--check", tidy.toString()).exit());
    }

    @Test
    void diffShowsTheChangeAndTouchesNothing() throws IOException {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, MESSY);
        Run run = Run.of("policy", "fmt", "--diff", f.toString());
        assertEquals(0, run.exit());
        assertEquals("--- a/" + f + "\n+++ b/" + f + "\n@@ -1,3 +1,7 @@\n policy p {  # the p policy\n"
                + "-rule r{when profile==\"x\" then approve cap duration 1h}\n+  rule r {\n+    when profile == \"x\"\n"
                + "+    then approve\n+      cap duration 1h\n+  }\n }\n", run.out());
        assertEquals(MESSY, Files.readString(f));
        assertEquals(1, Run.of("policy", "fmt", "--check", "--diff", f.toString()).exit());
    }

    @Test
    void fileWithSyntaxErrorsIsReportedAndLeftAlone() throws IOException {
        Path bad = dir.resolve("bad.policy");
        String text = "policy p {\n  rule r { then }\n}\n";
        Files.writeString(bad, text);
        Run run = Run.of("policy", "fmt", bad.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(bad + ":2:17: error: unexpected '}'; expected an outcome (approve, deny, require approval)"),
                run.err());
        assertEquals(text, Files.readString(bad));
    }

    @Test
    void fileWithAMalformedLiteralIsNotRewrittenWithAPlaceholder() throws IOException {
        Path bad = dir.resolve("date.policy");
        String text = "policy p {\n  rule r {   when now between 2026-02-01 and 2026-02-30 then approve }\n}\n";
        Files.writeString(bad, text);
        Run run = Run.of("policy", "fmt", bad.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("error: not a date: 2026-02-30"), run.err());
        assertEquals(text, Files.readString(bad));
    }
}
