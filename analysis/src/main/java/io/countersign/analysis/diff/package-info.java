/**
 * {@code policy diff}: the requests two policy sets decide differently, found by the solver over the
 * whole request space and grouped into classes, each with an example both sets' reference evaluators
 * were asked about (docs/analysis.md).
 */
package io.countersign.analysis.diff;
