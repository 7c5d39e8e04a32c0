/** Lifecycle events: the envelope a transition writes with itself, chained per request by SHA-256. */
package io.countersign.engine.event;
