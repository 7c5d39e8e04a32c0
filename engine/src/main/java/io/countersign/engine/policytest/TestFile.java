package io.countersign.engine.policytest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A {@code *.test.yaml} file as written. */
public record TestFile(List<Case> cases) {

    /** One case: a name, a request, and what to expect. */
    public record Case(String name, JsonNode request, Expect expect) {
    }

    /**
     * Each key is checked only when present (LANGUAGE.md "Tests"); {@code controls} (a subset of the
     * controls the deciding rules name, docs/language-decisions.md "Controls") is this project's.
     */
    public record Expect(String decision, List<String> rules, String duration, List<String> grants,
            List<StageExpect> stages, Map<String, JsonNode> conditions, List<String> stipulations, Integer risk,
            String rationale, String error, List<String> controls) {
    }

    /** {@code {need: N, from: ["group:NAME" | "user:ID"]}}. */
    public record StageExpect(Integer need, List<String> from) {
    }
}
