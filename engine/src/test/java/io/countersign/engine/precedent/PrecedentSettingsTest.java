package io.countersign.engine.precedent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.model.Precedent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings as text and their bounds; a precedent's kept rationale; the summary's words and ids. */
class PrecedentSettingsTest {

    @Test
    void theEnvironmentSetsEachAndABadValueNamesItsVariable() {
        PrecedentSettings s = PrecedentSettings.DEFAULT.withEnvironment(Map.of("COUNTERSIGN_PRECEDENT_WINDOW", "30d",
                "COUNTERSIGN_PRECEDENTS", "4", "COUNTERSIGN_PRECEDENT_CANDIDATES", "40")::get);
        assertEquals(new PrecedentSettings(Duration.ofDays(30), 4, 40), s);
        assertEquals(PrecedentSettings.DEFAULT, PrecedentSettings.DEFAULT.withEnvironment(Map.<String, String>of()::get));
        for (Map<String, String> bad : List.of(Map.of("COUNTERSIGN_PRECEDENT_WINDOW", "soon"),
                Map.of("COUNTERSIGN_PRECEDENTS", "ten"), Map.of("COUNTERSIGN_PRECEDENTS", "101"),
                Map.of("COUNTERSIGN_PRECEDENT_CANDIDATES", "5000"), Map.of("COUNTERSIGN_PRECEDENT_CANDIDATES", "0"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PrecedentSettings.DEFAULT.withEnvironment(bad::get));
            String name = bad.keySet().iterator().next();
            assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        }
        assertEquals(0, PrecedentSettings.DEFAULT.withEnvironment(Map.of("COUNTERSIGN_PRECEDENTS", "0")::get).limit());
    }

    @Test
    void aLongRationaleIsCutWithoutSplittingACharacter() {
        String face = "\uD83D\uDE00";
        String why = "x".repeat(Precedent.RATIONALE_MAX - 2) + face + "and more";
        Precedent p = new Precedent("r", "d", DecisionKind.DENIED, "bob", null, why);
        assertTrue(p.rationale().length() <= Precedent.RATIONALE_MAX, p.rationale());
        assertTrue(p.rationale().endsWith("x…"), p.rationale());
        assertEquals("fine", new Precedent("r", "d", DecisionKind.APPROVED, "bob", null, "fine").rationale());
    }

    @Test
    void theSummaryCountsAndTheIdsAreTheDecisions() {
        List<Precedent> ps = List.of(new Precedent("r1", "d1", DecisionKind.CONDITIONAL, "alice", null, null),
                new Precedent("r2", "d2", DecisionKind.DENIED, "bob", null, "no"));
        PrecedentSummary s = PrecedentSummary.of(ps);
        assertEquals("2 similar requests: 1 approved, 1 denied", s.headline());
        assertEquals("[\"d1\",\"d2\"]", PrecedentSummary.ids(ps));
        assertNull(PrecedentSummary.ids(null));
        assertEquals("1 similar request: 0 approved, 1 denied", PrecedentSummary.of(ps.subList(1, 2)).headline());
    }
}
