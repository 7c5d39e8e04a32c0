/**
 * The audit trail on the command line: {@code audit verify} (are the stored records of each request
 * intact, and where is the first broken link) and {@code audit log} (the events as JSON lines, for a
 * SIEM). Both make their {@link io.countersign.engine.audit.AuditTrail} in one place, {@code TrailCommand}.
 */
package io.countersign.cli.audit;
