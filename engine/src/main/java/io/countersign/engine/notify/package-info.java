/**
 * Notifiers: where committed events go (webhook, SNS, or a team's own, found with
 * {@link java.util.ServiceLoader}). A notifier is only ever handed an event that is already stored, so a
 * failing one can delay an announcement but never lose a transition or block it.
 */
package io.countersign.engine.notify;
