package io.countersign.engine.workflow;

import io.countersign.engine.compliance.ComplianceCheck;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code complianceCheck} of the decision that finally approves a request: the controls its rules
 * named at submission, with the approvals that met them. Whether each earlier approval was signed is
 * read from its decision, and only when the policy accepted unsigned ones (otherwise every one was).
 */
final class FinalCompliance {

    private FinalCompliance() {
    }

    /**
     * {@code decision} with its compliance check; unchanged when the request's rules named no control.
     *
     * @param stages the stages as this approval completes them
     */
    static ApprovalDecision of(Store store, StoredRequest cur, List<StageState> stages,
            ApprovalDecision decision, String overrides) {
        if (cur.compliance() == null) {
            return decision;
        }
        Map<String, Boolean> signed = new HashMap<>();
        for (StageState s : stages) {
            for (Approval a : s.approvals()) {
                signed.put(a.decisionId(), !cur.acceptsUnsigned());
            }
        }
        if (cur.acceptsUnsigned()) {
            if (signed.size() > 1) {
                History h = store.history(cur.id()).orElse(null);
                for (ApprovalDecision d : h == null ? List.<ApprovalDecision>of() : h.decisions()) {
                    if (signed.containsKey(d.decisionId())) {
                        signed.put(d.decisionId(), signedIn(d));
                    }
                }
            }
            signed.put(decision.decisionId(), signedIn(decision));
        }
        return decision.toBuilder().complianceCheck(ComplianceCheck.ofApproval(cur.compliance(), stages,
                cur.acceptsUnsigned(), signed, overrides)).build();
    }

    private static boolean signedIn(ApprovalDecision d) {
        return d.metadata() != null && Boolean.TRUE.equals(d.metadata().get("signed"));
    }
}
