package io.countersign.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A person's approval counted toward a stage.
 *
 * @param authority what made them eligible: {@code group:sre-leads}, {@code user:ID},
 *     {@code delegated-by:bob}, {@code escalation:group:security-oncall}
 * @param onBehalfOf the delegator whose place a delegate filled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String approver, String authority, String onBehalfOf, String decisionId, Instant at) {
}
