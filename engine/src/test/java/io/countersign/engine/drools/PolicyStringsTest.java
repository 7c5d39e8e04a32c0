package io.countersign.engine.drools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.source.SourceFile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever characters a policy string holds, it reaches Drools as that string and nothing else. */
class PolicyStringsTest {

    @ParameterizedTest
    @ValueSource(strings = {"München", "caf\u00e9", "line\nbreak", "tab\there", "quote \" and \\ backslash",
        "dollar $x and @{y} and #{z}", "emoji \uD83D\uDE80", "x\u2028y", "nul \u0000 char", "\u0001\u001f\u007f\u0085", "\"); System.exit(1); (\"",
        "end\" || true || \"", "// comment", "*/ /*"})
    void stringsInConditionsGroupsAndStipulationsSurvive(String odd) throws Exception {
        String literal = Formatter.string(odd);
        String text = "policy p {\n  rule r {\n    when context.city == " + literal + " and requester in group " + literal
                + " and profile matches " + Formatter.string(odd.replace("*", "") + "*") + "\n"
                + "    then approve\n      stipulate " + literal + "\n      condition note = " + literal + "\n  }\n}\n";
        PolicySet set = PolicySet.of(List.of(new SourceFile("p.policy", text)));
        Authorizer drools = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        AccessRequest match = new AccessRequest(null, "u", List.of(odd), Map.of(), odd.replace("*", "") + "-x",
                List.of(), Duration.ofHours(1), null, null, null, Map.of("city", odd),
                OffsetDateTime.parse("2026-03-02T10:00:00Z"));
        Evaluation d = drools.decide(match);
        assertEquals(Outcome.CONDITIONAL, d.outcome(), d.rationale());
        assertEquals(List.of(odd), d.stipulations());
        assertEquals(odd, d.conditions().get("note"));
        assertEquals(reference.decide(match), d);
        AccessRequest other = new AccessRequest(null, "u", List.of(odd), Map.of(), odd.replace("*", "") + "-x",
                List.of(), Duration.ofHours(1), null, null, null, Map.of("city", odd + "!"),
                OffsetDateTime.parse("2026-03-02T10:00:00Z"));
        assertEquals(Outcome.DENIED, drools.decide(other).outcome());
    }
}
