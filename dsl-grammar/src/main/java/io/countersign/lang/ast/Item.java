package io.countersign.lang.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a policy holds: its description, scope, default, signing setting, how far ahead a requested
 * start may lie, windows, risk factors and rules.
 */
public sealed interface Item {

    Loc loc();

    /** {@code description "..."}. */
    record Description(Literal.Str text, Loc loc) implements Item {
    }

    /** {@code scope EXPR}: the policy speaks only about requests where EXPR holds. */
    record Scope(Expr expr, Loc loc) implements Item {
    }

    /** {@code default OUTCOME}: the policy's outcome when it applies and none of its rules match. */
    record Default(Outcome outcome, Loc loc) implements Item {
    }

    /** {@code window NAME = WINDOW}. */
    record WindowDecl(Name name, Window window, Loc loc) implements Item {
    }

    /** {@code risk NAME +N when EXPR}; {@code weight} carries the sign. */
    record RiskFactor(Name name, int weight, Expr when, Loc loc) implements Item {
    }

    /**
     * {@code allow unsigned decisions}: a person's decision on a request this policy decides is
     * accepted without a signature (and marked unsigned). Without it, decisions must be signed.
     */
    record AllowUnsigned(Loc loc) implements Item {
    }

    /**
     * {@code allow start within DURATION}: a request this policy decides may ask for its access to
     * begin at most DURATION after it is submitted (without it, 30 days).
     */
    record AllowStartWithin(Literal.Dur within, Loc loc) implements Item {
    }

    /**
     * {@code rule NAME { description? complies* when? then OUTCOME }}; {@code complies} holds its
     * {@code complies} lines in order.
     */
    record Rule(Name name, Optional<Literal.Str> description, List<Complies> complies, Optional<Expr> when,
            Outcome outcome, Loc loc) implements Item {
        public Rule {
            complies = List.copyOf(complies);
        }

        /** The controls of every {@code complies} line, in order, as written (repeats included). */
        public List<String> controls() {
            List<String> out = new ArrayList<>();
            for (Complies c : complies) {
                c.controls().forEach(s -> out.add(s.value()));
            }
            return List.copyOf(out);
        }
    }
}
