package io.countersign.analysis.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.analysis.report.Finding;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of finding: a policy that shows it, and the same policy mended so that it does not. */
class LinterTest {

    static List<Finding> lint(String text) throws Exception {
        return Linter.lint(PolicySet.of(List.of(new SourceFile("t.policy", text))));
    }

    static List<Finding> of(List<Finding> fs, LintCode code) {
        return fs.stream().filter(f -> f.code().equals(code.code())).toList();
    }

    static Finding one(String text, LintCode code) throws Exception {
        List<Finding> fs = of(lint(text), code);
        assertEquals(1, fs.size(), () -> code + " expected once in " + fs);
        return fs.get(0);
    }

    static void none(String text, LintCode code) throws Exception {
        List<Finding> fs = lint(text);
        assertTrue(of(fs, code).isEmpty(), () -> code + " not expected: " + fs);
    }

    @Test
    void aConditionThatCanNeverHold() throws Exception {
        Finding f = one("""
                policy p {
                  rule r {
                    when duration > 4h and duration < 2h
                    then approve
                  }
                }
                """, LintCode.NEVER_HOLDS);
        assertEquals(2, f.loc().line());
        assertEquals(3, f.loc().column());
        none("""
                policy p {
                  rule r {
                    when duration > 4h and duration < 5h
                    then approve
                  }
                }
                """, LintCode.NEVER_HOLDS);
    }

    @Test
    void undeterminedConditionsStillCanNeverHoldWhenBothSidesContradict() throws Exception {
        one("""
                policy p {
                  rule r {
                    when context.level > 5 and context.level < 3
                    then require approval from 1 of group "g"
                  }
                }
                """, LintCode.NEVER_HOLDS);
    }

    @Test
    void aShadowedRuleNamesTheRuleThatAlwaysWinsAndShowsAnExample() throws Exception {
        Finding f = one("""
                policy p {
                  rule readers {
                    when profile == "db" and requester in group "eng"
                    then approve
                  }
                  rule all-db-needs-approval {
                    when profile matches "d*"
                    then require approval from 1 of group "dba"
                  }
                }
                """, LintCode.SHADOWED);
        assertTrue(f.message().contains("p/all-db-needs-approval"), f.message());
        assertNotNull(f.example());
        assertEquals("db", f.example().get("profile"));
        assertTrue(f.confirmed());
        none("""
                policy p {
                  rule readers {
                    when profile == "db" and requester in group "eng"
                    then approve
                  }
                  rule all-db-needs-approval {
                    when profile matches "d*" and requester not in group "eng"
                    then require approval from 1 of group "dba"
                  }
                }
                """, LintCode.SHADOWED);
    }

    @Test
    void aDenyThatCanNeverFire() throws Exception {
        one("""
                policy p {
                  scope profile == "a"
                  default approve
                  rule r {
                    when profile == "b"
                    then deny "never"
                  }
                }
                """, LintCode.DENY_NEVER_FIRES);
        // unknown makes a deny fire: a missing attribute reaches it
        none("""
                policy p {
                  scope profile == "a"
                  default approve
                  rule r {
                    when profile == "b" or requester.x == "y"
                    then deny "sometimes"
                  }
                }
                """, LintCode.DENY_NEVER_FIRES);
    }

    @Test
    void windowsAndDatesThatNeverHold() throws Exception {
        one("""
                policy p {
                  rule r {
                    when now between 1990-01-01 and 1990-12-31
                    then approve
                  }
                }
                """, LintCode.WINDOW_NEVER_HOLDS);
        none("""
                policy p {
                  window w = sun 02:30-02:45 in "Europe/Berlin"
                  rule r {
                    when now during w
                    then approve
                  }
                }
                """, LintCode.WINDOW_NEVER_HOLDS);
    }

    @Test
    void aConditionThatAlwaysHolds() throws Exception {
        one("""
                policy p {
                  rule r {
                    when duration > 0s or duration < 1h
                    then approve
                  }
                }
                """, LintCode.ALWAYS_TRUE);
        none("""
                policy p {
                  rule r {
                    when duration > 2h or duration < 1h
                    then approve
                  }
                }
                """, LintCode.ALWAYS_TRUE);
    }

    @Test
    void unusedWindowsAndRiskFactors() throws Exception {
        String unused = """
                policy p {
                  window w = mon-fri 08:00-18:00
                  risk big +10 when duration > 8h
                  rule r {
                    when profile == "x"
                    then approve
                  }
                }
                """;
        one(unused, LintCode.UNUSED_WINDOW);
        one(unused, LintCode.UNUSED_RISK);
        String used = """
                policy p {
                  window w = mon-fri 08:00-18:00
                  risk big +10 when duration > 8h
                  rule r {
                    when profile == "x" and now during w and risk < 10
                    then approve
                  }
                }
                """;
        none(used, LintCode.UNUSED_WINDOW);
        none(used, LintCode.UNUSED_RISK);
    }

    @Test
    void aRiskFactorAndAScopeThatNeverHold() throws Exception {
        String text = """
                policy p {
                  scope profile == "a" and profile == "b"
                  default approve
                }
                policy q {
                  risk r +10 when duration > 400d
                  rule x {
                    when risk > 5
                    then approve
                  }
                }
                """;
        one(text, LintCode.SCOPE_NEVER_HOLDS);
        one(text, LintCode.RISK_NEVER_HOLDS);
    }

    @Test
    void conflictingRulesWhereNoPrecedenceDecides() throws Exception {
        Finding f = one("""
                policy p {
                  rule a {
                    when profile == "db"
                    then approve
                      condition mode = "read"
                  }
                  rule b {
                    when requester in group "eng"
                    then approve
                      condition mode = "write"
                  }
                }
                """, LintCode.CONFLICT);
        assertTrue(f.confirmed());
        assertEquals("db", f.example().get("profile"));
        none("""
                policy p {
                  rule a {
                    when profile == "db"
                    then approve
                      condition mode = "read"
                  }
                  rule b {
                    when requester in group "eng" and profile != "db"
                    then approve
                      condition mode = "write"
                  }
                }
                """, LintCode.CONFLICT);
    }

    @Test
    void aRegexBeyondTheCoreIsReportedNotDropped() throws Exception {
        Finding f = one("""
                policy p {
                  rule a {
                    when profile matches regex "(?i)prod-.*"
                    then approve
                  }
                }
                """, LintCode.OUTSIDE_CORE);
        assertTrue(f.message().contains("(?i)prod-.*"), f.message());
        none("""
                policy p {
                  rule a {
                    when profile matches regex "prod-(a|b)[0-9]+"
                    then approve
                  }
                }
                """, LintCode.OUTSIDE_CORE);
    }

    @Test
    void theExamplePoliciesLintClean() throws Exception {
        List<Finding> fs = Linter.lint(PolicySet.load(List.of(Path.of("../policies"))));
        assertTrue(fs.isEmpty(), () -> "findings: " + fs);
    }
}
