/**
 * The {@link io.countersign.engine.store.Store} SPI: requests, their decisions and their events,
 * written together in one transaction conditional on the request's version.
 */
package io.countersign.engine.store;
