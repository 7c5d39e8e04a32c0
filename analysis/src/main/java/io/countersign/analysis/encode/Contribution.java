package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome;
import java.util.List;

/**
 * What may take part in a decision: a rule, a policy's default, or a policy whose scope is unknown
 * (which denies). {@code active}: it is among the contributions (its rule fires in an applicable
 * policy); {@code stages}: the {@code when} of each stage of a requiring outcome (true when none).
 *
 * @param outcome null for an unknown scope's denial
 */
public record Contribution(String id, int policy, Outcome outcome, Loc loc, BoolExpr active, List<TriTerm> stages,
        int ruleIndex) {

    public boolean denies() {
        return outcome == null || outcome instanceof Outcome.Deny;
    }

    public boolean requires() {
        return outcome instanceof Outcome.RequireApproval;
    }

    public boolean isRule() {
        return ruleIndex >= 0;
    }
}
