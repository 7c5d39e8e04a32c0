package io.countersign.analysis.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.parse.DurationText;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DifferTest {

    static Differ.Report diff(String before, String after) throws Exception {
        return Differ.diff(PolicySet.of(List.of(new SourceFile("p.policy", before))),
                PolicySet.of(List.of(new SourceFile("p.policy", after))));
    }

    static String titles(Differ.Report r) {
        return r.classes().stream().map(ChangeClass::title).collect(Collectors.joining("\n"));
    }

    @Test
    void approvedAtOnceBeforeNowNeedsTwoLeadsForLongSessions() throws Exception {
        Differ.Report r = diff("""
                policy prod {
                  rule oncall {
                    when requester in group "oncall"
                    then approve
                  }
                }
                """, """
                policy prod {
                  rule oncall {
                    when requester in group "oncall" and duration <= 4h
                    then approve
                  }

                  rule oncall-long {
                    when requester in group "oncall" and duration > 4h
                    then require approval from 2 of group "sre-leads"
                  }
                }
                """);
        assertTrue(r.complete(), r.incomplete());
        assertEquals("approved at once → needs 2 of group:sre-leads", titles(r));
        ChangeClass c = r.classes().get(0);
        assertTrue(DurationText.parse((String) c.examples().get(0).get("duration")).compareTo(Duration.ofHours(4)) > 0,
                c.examples().toString());
        assertTrue(((List<?>) c.examples().get(0).get("groups")).contains("oncall"));
    }

    @Test
    void renamingARuleOrRewordingADenialIsNoChange() throws Exception {
        Differ.Report r = diff("""
                policy p {
                  rule a {
                    when profile == "x"
                    then deny "no"
                  }
                  rule b {
                    when profile == "y"
                    then approve
                      cap duration 4h
                  }
                }
                """, """
                policy p {
                  rule a2 {
                    when profile == "x"
                    then deny "not this one"
                  }
                  # same meaning, written otherwise
                  rule b2 {
                    when not (profile != "y")
                    then approve   cap duration 240m
                  }
                }
                """);
        assertTrue(r.complete(), r.incomplete());
        assertEquals("", titles(r));
    }

    @Test
    void aRemovedDenyAndAWiderCapAreEachAClass() throws Exception {
        Differ.Report r = diff("""
                policy p {
                  default approve
                    cap duration 4h
                  rule freeze {
                    when profile == "deploy"
                    then deny "frozen"
                  }
                }
                """, """
                policy p {
                  default approve
                    cap duration 8h
                }
                """);
        assertTrue(r.complete(), r.incomplete());
        String t = titles(r);
        assertTrue(t.contains("denied → approved at once"), t);
        assertTrue(t.contains("approved at once with conditions → approved at once with conditions (grant widened: 4h"), t);
    }

    @Test
    void aQuorumLoweredAndAnUnknownAttributeThatNowDenies() throws Exception {
        Differ.Report r = diff("""
                policy p {
                  default require approval from 2 of group "leads"
                }
                """, """
                policy p {
                  default require approval from 1 of group "leads"
                  rule needs-office {
                    when requester.office != "berlin"
                    then deny "Berlin only"
                  }
                }
                """);
        assertTrue(r.complete(), r.incomplete());
        String t = titles(r);
        assertTrue(t.contains("needs 2 of group:leads → needs 1 of group:leads (quorum lowered)"), t);
        assertTrue(t.contains("needs 2 of group:leads → denied"), t);
    }

    @Test
    void aRegexBeyondTheCoreIsReported() throws Exception {
        Differ.Report r = diff("""
                policy p {
                  rule a {
                    when profile matches regex "(?i)prod"
                    then approve
                  }
                }
                """, """
                policy p {
                  rule a {
                    when profile matches regex "(?i)prod" and duration < 1h
                    then approve
                  }
                }
                """);
        assertEquals(2, r.outsideCore().size());
        assertTrue(titles(r).contains("approved at once → denied") || !r.unconfirmed().isEmpty(), titles(r));
    }

    @Test
    void slicingToTheChangedRulesFindsWhatTheWholeQuestionFinds() throws Exception {
        PolicySet before = PolicySet.load(List.of(Path.of("../policies")));
        List<SourceFile> edited = new java.util.ArrayList<>();
        for (SourceFile f : before.sources()) {
            edited.add(new SourceFile(f.path(), f.text().replace("from 2 of group \"sre-leads\"", "from 1 of group \"sre-leads\"")));
        }
        PolicySet after = PolicySet.of(edited);
        Differ.Report sliced = Differ.diff(before, after, true);
        Differ.Report whole = Differ.diff(before, after, false);
        assertTrue(sliced.complete() && whole.complete());
        assertEquals(4, sliced.classes().size(), titles(sliced));
        assertEquals(sorted(whole), sorted(sliced));
        // examples as a person writes them: round durations, whole hours of 2026
        for (ChangeClass c : sliced.classes()) {
            String e = c.exampleSummaries().get(0);
            assertTrue(e.matches(".*, 1h, .*, \\w{3} 2026-03-\\d\\d \\d\\d:00 UTC\\}"), e);
            assertEquals("1h", c.examples().get(0).get("duration"), e);
        }
    }

    @Test
    void rulesMovedAndChangedAreComparedWhole() throws Exception {
        String freeze = """
                  rule freeze {
                    when profile == "deploy"
                    then deny "frozen"
                  }
                """;
        String db = """
                  rule db {
                    when profile == "db"
                    then approve
                      cap duration %s
                  }
                """;
        Differ.Report r = diff("policy p {\n" + db.formatted("4h") + freeze + "}\n",
                "policy p {\n" + freeze + db.formatted("8h") + "}\n");
        assertTrue(r.complete(), r.incomplete());
        assertEquals("""
                approved at once with conditions → approved at once
                approved at once with conditions → approved at once with conditions (grant widened: 4h → 8h)""",
                String.join("\n", sorted(r)));
        for (ChangeClass c : r.classes()) {
            String e = c.exampleSummaries().get(0);
            assertTrue(e.contains(c.how().isEmpty() ? ", 8h, " : ", 1d, "), e);
        }
    }

    private static List<String> sorted(Differ.Report r) {
        return r.classes().stream().map(ChangeClass::title).sorted().toList();
    }
}
