package io.countersign.engine.workflow;

import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.Signature;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acts on a request, and their signature over the action when they sign it. An unsigned action is
 * accepted only where policy says {@code allow unsigned decisions}.
 */
public record Actor(String user, Optional<Signature> signature) {

    public Actor {
        if (user == null || user.isBlank()) {
            throw new InvalidRequestException("actor", "is required: say who acts (--as USER or COUNTERSIGN_USER)");
        }
        Objects.requireNonNull(signature, "signature");
    }

    /** {@code user}, acting unsigned. */
    public static Actor of(String user) {
        return new Actor(user, Optional.empty());
    }

    /** The same actor with their signature over the action's statement. */
    public Actor signed(Signature s) {
        return new Actor(user, Optional.of(s));
    }
}
