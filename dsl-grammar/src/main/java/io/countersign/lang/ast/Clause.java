package io.countersign.lang.ast;

import java.util.List;

/** The clauses that follow an outcome: workflow settings, grants, and the appeal of a denial. */
public sealed interface Clause {

    Loc loc();

    /** {@code appeal to APPROVERS} (deny only). */
    record Appeal(List<Approver> to, Loc loc) implements Clause {
        public Appeal {
            to = List.copyOf(to);
        }
    }

    /** {@code escalate after DURATION to APPROVERS}. */
    record Escalate(Literal.Dur after, List<Approver> to, Loc loc) implements Clause {
        public Escalate {
            to = List.copyOf(to);
        }
    }

    /** {@code expire after DURATION}. */
    record Expire(Literal.Dur after, Loc loc) implements Clause {
    }

    /** {@code allow self-approval}. */
    record AllowSelfApproval(Loc loc) implements Clause {
    }

    /** {@code no delegation}. */
    record NoDelegation(Loc loc) implements Clause {
    }

    /** {@code cap duration DURATION}. */
    record CapDuration(Literal.Dur cap, Loc loc) implements Clause {
    }

    /** {@code grant only LIST}. */
    record GrantOnly(Literal.ListOf permissions, Loc loc) implements Clause {
    }

    /** {@code review after DURATION}. */
    record Review(Literal.Dur after, Loc loc) implements Clause {
    }

    /** {@code condition NAME = LITERAL}. */
    record Condition(Name name, Literal value, Loc loc) implements Clause {
    }

    /** {@code stipulate "text"}. */
    record Stipulate(Literal.Str text, Loc loc) implements Clause {
    }

    /** {@code follow up "action" within DURATION}. */
    record FollowUp(Literal.Str action, Literal.Dur within, Loc loc) implements Clause {
    }

    /** {@code renewable}. */
    record Renewable(Loc loc) implements Clause {
    }
}
