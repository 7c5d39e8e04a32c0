/**
 * The embedded default {@link io.countersign.engine.store.Store}: one SQLite file under the home, in WAL
 * mode so that any number of processes use it at once, its schema versioned and migrated on first use.
 */
package io.countersign.store.sqlite;
