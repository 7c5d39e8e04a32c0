/**
 * A decision's {@code complianceCheck}: the controls its deciding rules name ({@code complies} in the
 * policy language) and what was verified for them — the conditions that held, and for a request people
 * approved, the approvals counted. Metadata of the rules: it never changes an outcome.
 */
package io.countersign.engine.compliance;
