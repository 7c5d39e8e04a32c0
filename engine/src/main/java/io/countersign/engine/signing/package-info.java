/**
 * Signed decisions: a person's decision is a {@link io.countersign.engine.signing.Statement} signed
 * with their Ed25519 {@link io.countersign.engine.signing.SigningKey}; the public keys are
 * {@link io.countersign.engine.signing.PublicKeys} kept in the policy repository, reviewed like any
 * policy change. The store cannot forge a decision it did not receive, and the audit trail re-checks
 * every signature.
 */
package io.countersign.engine.signing;
