/**
 * A conformance check of a {@link io.countersign.engine.store.Store} that can run against a store in use
 * ({@code countersign store check}, {@link io.countersign.engine.store.check.StoreContractCheck}): named checks of the contract — conditional writes, history, listings
 * and cursors, the inbox, the access-check query, the outbox — on clearly marked records of their own.
 */
package io.countersign.engine.store.check;
