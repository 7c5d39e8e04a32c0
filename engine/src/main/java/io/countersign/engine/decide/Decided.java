package io.countersign.engine.decide;

import io.countersign.engine.request.AccessRequest;
import java.time.Duration;
import java.util.List;

/**
 * The combined outcome of a decision procedure ({@link DecisionProcedure}, {@link CompiledProcedure})
 * before {@link DecisionRecord} dresses it as an {@link Evaluation}.
 */
record Decided(Outcome outcome, List<String> rules, String rationale, Grants grants, List<StageRequirement> stages,
        Duration expireAfter, boolean selfApproval, boolean delegation, List<String> appealTo) {

    /** A denial: no grant, no stages; {@code appealTo} who may hear an appeal. */
    static Decided denied(List<String> rules, String rationale, AccessRequest request, List<String> appealTo) {
        return new Decided(Outcome.DENIED, rules, rationale, Grants.none(request), List.of(), null, false, true,
                appealTo);
    }
}
