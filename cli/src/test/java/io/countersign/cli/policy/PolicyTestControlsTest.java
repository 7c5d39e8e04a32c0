package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code expect: {controls: [...]}}: the controls the deciding rules name include these. */
class PolicyTestControlsTest {

    @TempDir
    Path dir;

    @Test
    void aCaseExpectsTheControlsItsDecidingRulesName() throws Exception {
        Files.writeString(dir.resolve("p.policy"), """
                policy p {
                  rule ledger {
                    complies "SOX-404" "ISO27001-A.9.2"
                    when profile == "ledger"
                    then approve
                  }

                  rule plain {
                    when profile == "plain"
                    then approve
                  }
                }
                """);
        Files.writeString(dir.resolve("p.test.yaml"), """
                cases:
                  - name: the ledger rule meets SOX-404
                    request: {requester: a, profile: ledger, duration: 1h, at: 2026-03-02T10:00:00Z}
                    expect: {decision: approved, controls: [SOX-404]}
                  - name: it does not claim PCI
                    request: {requester: a, profile: ledger, duration: 1h, at: 2026-03-02T10:00:00Z}
                    expect: {controls: [SOX-404, PCI-DSS-7.1]}
                  - name: a rule without complies names none
                    request: {requester: a, profile: plain, duration: 1h, at: 2026-03-02T10:00:00Z}
                    expect: {controls: [SOX-404]}
                """);
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("ok   " + dir.resolve("p.test.yaml") + ": the ledger rule meets SOX-404"), run.out());
        assertTrue(run.out().contains("controls: expected including [PCI-DSS-7.1]\n"), run.out());
        assertTrue(run.out().contains("got [SOX-404, ISO27001-A.9.2]\n"), run.out());
        assertTrue(run.out().contains("controls: expected including [SOX-404]\n"), run.out());
        assertTrue(run.out().contains("got []\n"), run.out());
        assertTrue(run.out().contains("1 passed, 2 failed"), run.out());
    }

    @Test
    void controlsThatAreNotAListAreAnErrorInTheTestFile() throws Exception {
        Files.writeString(dir.resolve("p.policy"), "policy p {\n  rule r {\n    then approve\n  }\n}\n");
        Files.writeString(dir.resolve("p.test.yaml"), """
                cases:
                  - name: controls as a map
                    request: {requester: a, profile: x, duration: 1h}
                    expect: {controls: {a: 1}}
                """);
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("expect.controls"), run.err());
    }
}
