package io.countersign.engine.decide;

import io.countersign.engine.decision.ApprovalDecision;

/**
 * An evaluation with its {@link ApprovalDecision} record, for an outcome policy decided at once
 * ({@code record} is null while the request is pending: nobody has decided yet). Writing the record
 * costs more than deciding, so the gateway's hot path asks for the evaluation alone.
 */
public record Decision(Evaluation evaluation, ApprovalDecision record) {
}
