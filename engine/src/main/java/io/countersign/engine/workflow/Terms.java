package io.countersign.engine.workflow;

import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.StoredSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an approver says with an approval: why, how they tighten the grant, and what they add for the
 * record. Each grant part may only narrow what policy grants: a shorter duration, fewer permissions,
 * more conditions and stipulations. The remarks — comments, confidence, who was consulted, what
 * evidence was seen — change no grant; they are signed with the rest and kept in the decision under
 * the seed's names. A denial carries a rationale and remarks only.
 *
 * @param duration a shorter duration, or null
 * @param permissions a subset of the granted permissions, or empty to keep them
 * @param conditions conditions to add (a condition policy set keeps its value)
 * @param comments additional comments, or null
 * @param confidenceLevel the decider's confidence, 0 to 1, or null
 * @param consultedParties people or teams consulted
 * @param evidenceProvided links and ticket references the decision rests on
 */
public record Terms(String rationale, Duration duration, List<String> permissions, Map<String, Object> conditions,
        List<String> stipulations, String comments, BigDecimal confidenceLevel, List<String> consultedParties,
        List<String> evidenceProvided) {

    /** The most decimal places a confidence is written with. */
    public static final int MAX_CONFIDENCE_PLACES = 20;

    public static final Terms NONE = new Terms(null, null, List.of(), Map.of(), List.of());

    public Terms {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
        stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
        consultedParties = consultedParties == null ? List.of() : List.copyOf(consultedParties);
        evidenceProvided = evidenceProvided == null ? List.of() : List.copyOf(evidenceProvided);
        // Kept in the decision and its event as long as the request is kept: bounded as a request is.
        StoredSize.text("rationale", rationale);
        StoredSize.text("comments", comments);
        StoredSize.names("permissions", permissions);
        StoredSize.names("stipulations", stipulations);
        StoredSize.names("consultedParties", consultedParties);
        StoredSize.names("evidenceProvided", evidenceProvided);
        StoredSize.open("conditions", conditions);
        if (confidenceLevel != null) {
            // Said as given, not in plain digits: 1e999999999 would be a billion of them.
            if (confidenceLevel.signum() < 0 || confidenceLevel.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidRequestException("confidenceLevel", "must be between 0 and 1, not " + confidenceLevel);
            }
            // One value, one text: 0.80 and 0.8 sign and store alike.
            confidenceLevel = confidenceLevel.signum() == 0 ? BigDecimal.ZERO : confidenceLevel.stripTrailingZeros();
            // 1e-999999999 is between 0 and 1 too, and every reader that writes it out would write a billion digits.
            if (confidenceLevel.scale() > MAX_CONFIDENCE_PLACES) {
                throw new InvalidRequestException("confidenceLevel", "at most " + MAX_CONFIDENCE_PLACES + " decimal places");
            }
        }
    }

    /** Grant terms without remarks. */
    public Terms(String rationale, Duration duration, List<String> permissions, Map<String, Object> conditions,
            List<String> stipulations) {
        this(rationale, duration, permissions, conditions, stipulations, null, null, List.of(), List.of());
    }

    public static Terms because(String rationale) {
        return new Terms(rationale, null, List.of(), Map.of(), List.of());
    }

    /** The same terms with this reason. */
    public Terms withRationale(String text) {
        return new Terms(text, duration, permissions, conditions, stipulations, comments, confidenceLevel,
                consultedParties, evidenceProvided);
    }

    /** The same terms granting at most {@code d}. */
    public Terms withDuration(Duration d) {
        return new Terms(rationale, java.util.Objects.requireNonNull(d), permissions, conditions, stipulations, comments,
                confidenceLevel, consultedParties, evidenceProvided);
    }

    /** The same terms granting only these of the permissions. */
    public Terms withPermissions(List<String> granted) {
        return new Terms(rationale, duration, granted, conditions, stipulations, comments, confidenceLevel,
                consultedParties, evidenceProvided);
    }

    /** The same terms adding these conditions. */
    public Terms withConditions(Map<String, Object> added) {
        return new Terms(rationale, duration, permissions, added, stipulations, comments, confidenceLevel,
                consultedParties, evidenceProvided);
    }

    /** The same terms adding these stipulations. */
    public Terms withStipulations(List<String> added) {
        return new Terms(rationale, duration, permissions, conditions, added, comments, confidenceLevel,
                consultedParties, evidenceProvided);
    }

    /** The same terms with these comments. */
    public Terms withComments(String text) {
        return new Terms(rationale, duration, permissions, conditions, stipulations, text, confidenceLevel,
                consultedParties, evidenceProvided);
    }

    /** The same terms with this confidence, 0 to 1 (anything else is bad input naming {@code confidenceLevel}). */
    public Terms withConfidenceLevel(BigDecimal level) {
        return new Terms(rationale, duration, permissions, conditions, stipulations, comments,
                java.util.Objects.requireNonNull(level), consultedParties, evidenceProvided);
    }

    /** The same terms naming these people or teams as consulted. */
    public Terms withConsultedParties(List<String> parties) {
        return new Terms(rationale, duration, permissions, conditions, stipulations, comments, confidenceLevel,
                parties, evidenceProvided);
    }

    /** The same terms resting on this evidence: links, ticket references. */
    public Terms withEvidenceProvided(List<String> evidence) {
        return new Terms(rationale, duration, permissions, conditions, stipulations, comments, confidenceLevel,
                consultedParties, evidence);
    }

    /** Whether these terms change the grant (a denial's may not). */
    boolean changesGrant() {
        return duration != null || !permissions.isEmpty() || !conditions.isEmpty() || !stipulations.isEmpty();
    }

}
