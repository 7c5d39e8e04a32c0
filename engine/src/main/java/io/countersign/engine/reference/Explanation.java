package io.countersign.engine.reference;

import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decision.ApprovalDecision;
import java.util.List;

/**
 * Why a policy set decided what it did: the evaluation, and for every policy whether it applied,
 * which risk factors held, and for every rule whether it matched — and if not, the first predicate
 * that failed, where it is written, and the attribute it lacked.
 */
public record Explanation(Evaluation evaluation, ApprovalDecision record, List<PolicyTrace> policies) {

    /** How a condition came out. */
    public enum Status {
        MATCHED, NOT_MATCHED, UNDETERMINED, NOT_EVALUATED;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** The predicate that kept a condition from holding. */
    public record Failure(String predicate, String at, String value, String missing) {
    }

    /** A condition (scope, risk factor, rule) and how it came out. */
    public record Trace(String id, Status status, Failure failed) {
    }

    /** One policy: its scope, its risk factors, its rules, in file order. */
    public record PolicyTrace(String policy, Trace scope, List<Trace> risks, List<Trace> rules) {
    }
}
