package io.countersign.engine.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signer sends with their decision: when they signed and the Ed25519 signature (base64) over
 * the canonical {@link Statement} of that decision. The statement itself is rebuilt by whoever checks
 * it from the decision's own arguments, so a signature over other terms does not verify.
 */
public record Signature(Instant signedAt, String value) {
    public Signature {
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(value, "value");
    }
}
