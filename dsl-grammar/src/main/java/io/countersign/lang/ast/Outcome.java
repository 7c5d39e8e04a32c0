package io.countersign.lang.ast;

import java.util.List;

/** What a rule or default decides. Clauses are kept in the order written. */
public sealed interface Outcome {

    Loc loc();

    List<Clause> clauses();

    /** {@code approve clause*}. */
    record Approve(List<Clause> clauses, Loc loc) implements Outcome {
        public Approve {
            clauses = List.copyOf(clauses);
        }
    }

    /** {@code deny "reason" clause*} (only {@code appeal to} belongs here; the checker says so). */
    record Deny(Literal.Str reason, List<Clause> clauses, Loc loc) implements Outcome {
        public Deny {
            clauses = List.copyOf(clauses);
        }
    }

    /** {@code require approval STAGE (then STAGE)* clause*}. */
    record RequireApproval(List<Stage> stages, List<Clause> clauses, Loc loc) implements Outcome {
        public RequireApproval {
            stages = List.copyOf(stages);
            clauses = List.copyOf(clauses);
        }
    }
}
