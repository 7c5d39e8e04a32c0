package io.countersign.lang.ast;

import java.util.List;
import java.util.Optional;

/** {@code from QUORUM APPROVERS (when EXPR)?}: a step of approval; dropped when its condition is false. */
public record Stage(Quorum quorum, List<Approver> approvers, Optional<Expr> when, Loc loc) {
    public Stage {
        approvers = List.copyOf(approvers);
    }
}
