package io.countersign.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.decision.DecisionKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A past decision found similar to a request when it was submitted: which request, the decision that
 * settled it (its id is what {@code precedentIds} lists), what it was, by whom and why. Kept on the
 * request as found then, so the summary an approver reads is the one sealed with the record, not
 * whatever the precedent has become since.
 *
 * @param requestId the earlier request
 * @param decisionId the decision that approved or denied it
 * @param decision approved, conditional, partial or denied
 * @param approver who decided ({@code policy} when policy did at once)
 * @param decisionDate when
 * @param rationale the decision's reason, cut to {@link #RATIONALE_MAX} characters; null when it gave none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Precedent(String requestId, String decisionId, DecisionKind decision, String approver,
        Instant decisionDate, String rationale) {

    /** How much of a precedent's rationale a request keeps: enough to say why, not a copy of the record. */
    public static final int RATIONALE_MAX = 200;

    public Precedent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(decision, "decision");
        if (rationale != null && rationale.length() > RATIONALE_MAX) {
            int cut = RATIONALE_MAX - 1;
            cut -= Character.isHighSurrogate(rationale.charAt(cut - 1)) ? 1 : 0; // never half a character
            rationale = rationale.substring(0, cut) + "…";
        }
    }

    /** Whether the precedent granted (approved, conditionally or in part). */
    public boolean granted() {
        return decision != DecisionKind.DENIED;
    }
}
