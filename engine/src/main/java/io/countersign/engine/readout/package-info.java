/**
 * A request's decisions as they are read, with the two properties that come after the decision and so
 * are not part of its sealed, chained record: {@code notificationsSent}, from the dispatcher's delivery
 * record of the events the decision caused, and {@code auditNotes}, from the auditors' signed
 * {@code audit.noted} events about it.
 */
package io.countersign.engine.readout;
