/**
 * The approval workflow: requests submitted, routed to approvers in stages, approved, denied,
 * delegated, escalated, cancelled, revoked and expired. Every rule (eligibility, distinct approvers,
 * no self-approval, quorum, stage order, tighten-never-widen) is enforced here, where the write happens.
 */
package io.countersign.engine.workflow;
