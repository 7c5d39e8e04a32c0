/**
 * The service's seal on everything it stores: an HMAC-SHA256 by a key only the service holds over each
 * request, decision and event as written, checked on every read that acts, so that write access to the
 * table without the key cannot forge a consistent record. {@link io.countersign.engine.seal.SealKeys}
 * (the key file under the home, or the environment), {@link io.countersign.engine.seal.Sealer} (seal and
 * check one record) and {@link io.countersign.engine.seal.SealedStore} (any store, sealed).
 */
package io.countersign.engine.seal;
