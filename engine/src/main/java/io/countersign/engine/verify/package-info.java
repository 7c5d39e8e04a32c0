/**
 * Whether a request's stored record is evidence: {@link io.countersign.engine.verify.Evidence} checks the
 * service's seals, the hash chain, that the request item is the state its chain records, every person's
 * signature over what they did ({@link io.countersign.engine.verify.Signatures}), that the state follows
 * from the signed statements and policy's decision and nothing wider ({@link io.countersign.engine.verify.Grounds}),
 * and that policy's decision is the one the policy set and directory that made it give
 * ({@link io.countersign.engine.verify.PolicyJudge}, {@link io.countersign.engine.verify.PolicyArchive}).
 * The workflow acts only on a request that verifies, the access check allows only such a grant,
 * {@code show} and {@code audit verify} say what does not verify.
 */
package io.countersign.engine.verify;
