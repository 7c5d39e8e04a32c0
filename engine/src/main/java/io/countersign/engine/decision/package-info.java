/**
 * {@code ApprovalDecision}: the record of one decision on a request, by policy or by a person, with
 * every property of the seed entity; and its enumerations.
 */
package io.countersign.engine.decision;
