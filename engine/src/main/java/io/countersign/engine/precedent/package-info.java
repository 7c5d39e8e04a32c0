/**
 * Precedents: the past decisions most like a request, found when it is submitted from a bounded,
 * index-backed read of its profile's newest requests, and summarised for the people who decide it.
 */
package io.countersign.engine.precedent;
