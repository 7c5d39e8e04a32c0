package io.countersign.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.Frontend;
import io.countersign.lang.source.SourceFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The suggestions' rule text from names people chose, and the percentiles. */
class SuggesterTest {

    private static Fact approved(String profile, String group, int risk) {
        return new Fact(profile, List.of("p/r"), "u", List.of(group), Fate.APPROVED, risk, Duration.ofMinutes(90),
                Instant.EPOCH, Duration.ofMinutes(5), false, false,
                List.of(new Fact.PersonDecision("oliver", true, Duration.ofMinutes(5))), Set.of("group:g"));
    }

    @Test
    void aHostileProfileAndGroupStayStringsInTheRule() {
        Suggester s = new Suggester();
        String profile = "prod\" then deny \"x\n}";
        String group = "on call\\\"";
        for (int i = 0; i < 20; i++) {
            s.add(approved(profile, group, 95));
        }
        Suggestion.InstantRule r = (Suggestion.InstantRule) s.suggestions(ReportQuery.until(Instant.EPOCH), 7).get(0);
        assertEquals(null, r.riskBelow(), "no bound at risk 90 or above");
        assertTrue(r.rule().startsWith("rule instant-prod-then-deny-x-on-call {\n"), r.rule());
        assertTrue(r.rule().contains("cap duration 90m\n"), r.rule());
        String policy = "policy p {\n  scope profile matches \"*\"\n" + r.rule().indent(2) + "}\n";
        Frontend.Result checked = Frontend.compile(List.of(new SourceFile("s.policy", policy)));
        assertFalse(checked.hasErrors(), policy + checked.diagnostics());
        assertEquals(1, checked.files().get(0).policies().get(0).rules().size(), policy);
    }

    @Test
    void namesAndSpans() {
        assertEquals("r-9lives", Suggester.name("9lives"));
        assertEquals("instant-a-b", Suggester.name("instant-A  B!!"));
        assertEquals("2d", Suggester.span(Duration.ofDays(2)));
        assertEquals("90m", Suggester.span(Duration.ofMinutes(90)));
        assertEquals("61s", Suggester.span(Duration.ofSeconds(61)));
    }

    @Test
    void percentilesByNearestRank() {
        Tally.Seconds s = new Tally.Seconds();
        for (int i = 1; i <= 10; i++) {
            s.add(Duration.ofSeconds(i));
        }
        assertEquals(Duration.ofSeconds(5), s.percentile(50));
        assertEquals(Duration.ofSeconds(9), s.percentile(90));
        assertEquals(null, new Tally.Seconds().percentile(50));
    }
}
