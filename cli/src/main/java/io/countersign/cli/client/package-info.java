/**
 * The CLI as a client of a server: {@code --server URL} (or {@code COUNTERSIGN_SERVER}) with a token
 * from {@code COUNTERSIGN_TOKEN} or {@code countersign login}; problem documents become the engine's
 * exceptions again, so a command prints and exits as it does on a store.
 */
package io.countersign.cli.client;
