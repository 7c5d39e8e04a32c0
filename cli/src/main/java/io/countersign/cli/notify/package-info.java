/**
 * Notifications on the command line: the notifier options the delivering commands share
 * ({@code --notify}, {@code --notify-config}), {@code notify run} (the outbox dispatcher as a command),
 * {@code notify failed} and {@code notify retry} (the dead letters). Notifiers are configured before the
 * store is opened, so a misconfiguration costs nothing and says one line.
 */
package io.countersign.cli.notify;
