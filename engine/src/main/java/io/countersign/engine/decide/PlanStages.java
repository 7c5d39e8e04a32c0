package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.request.AccessRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of a requiring rule resolved for one request, where its compiled stages
 * ({@link RequirePlan#alone}) cannot be taken as they are: a stage has a condition or a path approver,
 * one can never be approved, or a stage names the requester, who may not approve.
 */
final class PlanStages {

    private PlanStages() {
    }

    /** A requiring rule's stages, or the denial when one of them can never be approved. */
    record Resolved(List<StageRequirement> stages, Decided denied) {
    }

    /**
     * The stages of a requiring rule as {@link DecisionProcedure} resolves them (conditions, path
     * approvers, the requester removed without {@code allow self-approval}), or the denial when one
     * can never be approved.
     */
    static Resolved resolve(Plan p, AccessRequest request, Facts facts, Findings findings) {
        RequirePlan req = p.require;
        List<StageRequirement> stages = new ArrayList<>();
        List<StageRequirement.Escalation> escalations = null;
        String self = Principal.user(request.requester()).key();
        for (RequirePlan.StagePlan s : req.stages) {
            int keep = s.condition < 0 ? Tri.TRUE : findings.stage(s.condition);
            if (keep == Tri.FALSE) {
                continue;
            }
            List<String> from = s.from.resolve(facts);
            if (!req.selfApproval && s.from.names(from, request.requester())) {
                from = from.stream().filter(a -> !a.equals(self)).toList();
            }
            if (from.isEmpty()) {
                return new Resolved(null, Decided.denied(List.of(p.id), "stage " + s.number + " of " + p.id
                        + " has no eligible approver", request, List.of()));
            }
            int need = s.count >= 0 ? s.count : from.size();
            if (s.count >= 0 && !s.from.anyGroup && need > from.size()) {
                return new Resolved(null, Decided.denied(List.of(p.id), "stage " + s.number + " of " + p.id
                        + " needs " + need + " approvers but only " + from.size() + " can be found", request,
                        List.of()));
            }
            if (escalations == null) {
                escalations = req.escalations(facts);
            }
            stages.add(new StageRequirement(need, from, req.rules, escalations));
        }
        return new Resolved(stages, null);
    }
}
