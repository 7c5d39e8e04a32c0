/**
 * Analytics over the stored history ({@code countersign report}): per profile and per policy rule, how
 * requests ended and how fast, who decided them, their risk, break-glass uses and overdue reviews; and
 * suggestions drawn from that history, each with its evidence. The store is read a page at a time
 * through its listings, one request's history only where a person's denial must be named, so memory
 * grows with the number of profiles, rules and approvers, not with the histories.
 */
package io.countersign.engine.report;
