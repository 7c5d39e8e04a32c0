/**
 * The audit trail: every request's events form a SHA-256 hash chain; verification names the first
 * broken link, and the trail prints as JSON lines for a SIEM.
 */
package io.countersign.engine.audit;
