/**
 * A checked policy set, indexed: every policy, scope, risk factor, rule and stage condition has a
 * number, so evaluators report findings in arrays and the decision procedure reads them back.
 */
package io.countersign.engine.policy;
