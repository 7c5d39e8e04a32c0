package io.countersign.engine.drools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Discrepancies between the Drools path and the reference evaluator that the differential property
 * ({@code DifferentialProperties}) found, each pinned by an example. Every case builds the knowledge
 * base, decides past MVEL's jit threshold (20 evaluations) and must match the reference byte for byte.
 */
class DrlCompilerRegressionTest {

    /** Decisions per request: enough for MVEL to jit the constraints, whose behaviour must not change. */
    private static final int REPEAT = 25;

    private static final ObjectMapper JSON = Json.mapper();

    /**
     * Policy strings that the DRL once could not carry: the knowledge base did not build ("illegal
     * unicode escape sequence", "unterminated string literal", StringIndexOutOfBoundsException), or
     * a NUL was silently dropped so the rule compared with another string.
     */
    static Stream<Arguments> oddStrings() {
        return Stream.of(
                // lower-case unicode escapes: MVEL accepts only upper-case hex digits
                Arguments.of("non-ASCII", "ünïcödé"),
                Arguments.of("newline", "new\nline"),
                Arguments.of("emoji (surrogate pair)", "fire🔥"),
                Arguments.of("line separator", "a\u2028b"),
                // backslash escapes: MVEL's inline arrays and Drools' scan for '==' misread them
                Arguments.of("backslash then quote", "a\\\"b"),
                Arguments.of("trailing backslash", "a\\"),
                Arguments.of("lone backslash", "\\"),
                Arguments.of("quote then backslash", "\"\\"),
                // Drools' scan for '==' took a /* inside a string for a comment
                Arguments.of("comment markers", "*/ /*"),
                Arguments.of("comment opener", "x/*y"),
                // MVEL deletes NULs after reading escapes
                Arguments.of("NUL inside", "a\u0000b"),
                Arguments.of("two NULs", "x\u0000\u0000y"),
                // these always worked; they stay pinned next to the others
                Arguments.of("dollar and template", "${x} @{y} $1"),
                Arguments.of("would-be escape", "\\u0041"),
                // the checks of `this records["..."] N` are joined by " & ", their group names %-escaped,
                // inside the brackets of an operator parameter
                Arguments.of("check separators", "a & b % c ] d [ e"),
                Arguments.of("would-be check escape", "%0041 not hasGroup x"));
    }

    /** Every place a policy string reaches a rule: indexed constraints, inline Tri expressions, {@code from}, lists. */
    static final List<String> SHAPES = List.of(
            "profile == %s",
            "profile != %s and profile matches \"*\"",
            "requester == %s",
            "requester in group %s",
            "not (requester not in group %s)",
            "profile in [\"other\", %s]",
            "profile matches %s",
            "profile contains %s",
            "permissions contains any [%s]",
            "groups contains %s or profile == \"never\"",
            "context.x == %s",
            "context.x in [%s, \"other\"]",
            "context.x matches %s",
            "context.x contains %s");

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddStrings")
    void oddStringsReachTheRulesIntact(String what, String value) throws Exception {
        // one rule per shape; the value itself matches every rule but the "!=" one, another value only that
        StringBuilder policy = new StringBuilder("policy p {\n");
        List<String> all = new ArrayList<>();
        String negated = null;
        for (int i = 0; i < SHAPES.size(); i++) {
            String shape = SHAPES.get(i);
            policy.append("  rule r").append(i).append(" { when ").append(shape.replace("%s", quote(value)))
                    .append(" then approve }\n");
            if (shape.startsWith("profile != ")) {
                negated = "p/r" + i;
            } else {
                all.add("p/r" + i);
            }
        }
        policy.append("}\n");
        PolicySet set = PolicySet.of(List.of(new SourceFile("p.policy", policy.toString())));
        Authorizer drools = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        AccessRequest same = request(value);
        AccessRequest other = request("something-else");
        for (int i = 0; i < REPEAT; i++) {
            Evaluation d = drools.decide(same);
            assertEquals(all, d.rules(), policy.toString());
            assertEquals(JSON.writeValueAsString(reference.decide(same)), JSON.writeValueAsString(d),
                    policy.toString());
            Evaluation o = drools.decide(other);
            assertEquals(List.of(negated), o.rules(), policy.toString());
            assertEquals(JSON.writeValueAsString(reference.decide(other)), JSON.writeValueAsString(o),
                    policy.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddStrings")
    void theGeneratedDrlHoldsNoBackslashEscapeNoSlashAndNoRawControlCharacter(String what, String value) {
        String s = DrlCompiler.string(value);
        String inside = s.startsWith("Ops.text(\"") ? s.substring(10, s.length() - 2) : s.substring(1, s.length() - 1);
        assertFalse(inside.matches("(?s).*(\\\\[^u]|[\"/$@]|[^\\x20-\\x7e]).*"), s);
    }

    /**
     * {@code duration OP literal} compiled to whole seconds, so a request for {@code PT168H0.5S} was
     * {@code == 1w} for Drools and not for the reference (which is right: it is half a second longer).
     */
    @Test
    void aDurationWithAFractionOfASecondComparesExactly() throws Exception {
        String policy = """
                policy p {
                  rule eq { when duration == 1w then approve stipulate "eq" }
                  rule ne { when duration != 1w then approve stipulate "ne" }
                  rule le { when duration <= 1w then approve stipulate "le" }
                  rule lt { when duration < 1w then approve stipulate "lt" }
                  rule ge { when duration >= 1w then approve stipulate "ge" }
                  rule gt { when duration > 1w then approve stipulate "gt" }
                }
                """;
        PolicySet set = PolicySet.of(List.of(new SourceFile("p.policy", policy)));
        Authorizer drools = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        Map<String, List<String>> expected = Map.of(
                "PT168H", List.of("eq", "le", "ge"),
                "PT168H0.5S", List.of("ne", "ge", "gt"),
                "PT167H59M59.5S", List.of("ne", "le", "lt"),
                "PT168H0.000000001S", List.of("ne", "ge", "gt"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            AccessRequest r = JSON.readValue("{\"requester\":\"alice\",\"profile\":\"p\",\"duration\":\"" + e.getKey()
                    + "\",\"at\":\"2026-03-02T10:00:00Z\"}", AccessRequest.class);
            for (int i = 0; i < REPEAT; i++) {
                Evaluation d = drools.decide(r);
                assertEquals(e.getValue(), d.stipulations(), e.getKey());
                assertEquals(JSON.writeValueAsString(reference.decide(r)), JSON.writeValueAsString(d), e.getKey());
            }
        }
    }

    /**
     * A rule whose conjuncts after the equality are all tested by its {@code records} constraint
     * ({@link Checks}): two groups of each sense, two limits of each kind, two windows of each sense —
     * more than the fields the first of each kind has, so the rest are tested too.
     */
    @Test
    void everyCheckOfARecordedRuleIsTested() throws Exception {
        String policy = """
                policy p {
                  window day = daily 08:00-20:00 in "Europe/Berlin"
                  window night = daily 22:00-06:00 in "Asia/Tokyo"
                  rule r {
                    when profile == "db"
                     and requester in group "a" and requester in group "b"
                     and requester not in group "c" and requester not in group "d"
                     and duration >= 30m and duration > 1h and duration < 8h and duration <= 4h
                     and now during day and now during mon-fri 00:00-23:59
                     and not now during night and not now during sat-sun 00:00-23:59
                    then approve
                  }
                }
                """;
        PolicySet set = PolicySet.of(List.of(new SourceFile("p.policy", policy)));
        String drl = DrlCompiler.compile(set).drl();
        // one constraint after the equality, so one alpha node for all the checks
        assertTrue(drl.contains("profile == \"db\", this records[\""), drl);
        Authorizer drools = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        List<String> groups = List.of("[\"a\", \"b\"]", "[\"a\"]", "[\"b\"]", "[\"a\", \"b\", \"c\"]",
                "[\"a\", \"b\", \"d\"]");
        List<String> durations = List.of("2h", "30m", "29m", "1h", "61m", "4h", "PT4H0.5S");
        List<String> instants = List.of("2026-03-02T10:00:00Z", "2026-03-02T20:00:00Z", "2026-03-07T10:00:00Z",
                "2026-03-02T06:59:00Z", "2026-03-02T21:30:00Z");
        int matched = 0;
        for (String g : groups) {
            for (String d : durations) {
                for (String at : instants) {
                    AccessRequest r = JSON.readValue("{\"requester\":\"u\",\"groups\":" + g
                            + ",\"profile\":\"db\",\"duration\":\"" + d + "\",\"at\":\"" + at + "\"}",
                            AccessRequest.class);
                    for (int i = 0; i < REPEAT; i++) {
                        Evaluation e = drools.decide(r);
                        assertEquals(JSON.writeValueAsString(reference.decide(r)), JSON.writeValueAsString(e),
                                g + " " + d + " " + at);
                    }
                    matched += drools.decide(r).outcome() == Outcome.APPROVED ? 1 : 0;
                }
            }
        }
        // a: and b, neither c nor d; 2h, 61m and 4h; a weekday between 08:00 and 20:00 in Berlin that is
        // not night in Tokyo (10:00Z is 11:00 in Berlin, 19:00 in Tokyo; 06:59Z is 07:59 in Berlin)
        assertEquals(3, matched);
    }

    private static AccessRequest request(String value) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requester", value);
        r.put("groups", List.of(value));
        r.put("profile", value);
        r.put("permissions", List.of(value));
        r.put("duration", "1h");
        r.put("context", Map.of("x", value));
        r.put("at", "2026-03-02T10:00:00Z");
        return JSON.readValue(JSON.writeValueAsString(r), AccessRequest.class);
    }

    /** A string literal in policy syntax. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == '\u2028') {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
