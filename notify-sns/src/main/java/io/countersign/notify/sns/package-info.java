/**
 * The SNS notifier: lifecycle events published to a topic, to fan out to queues, functions and mail
 * without Countersign knowing the subscribers. Found by {@link java.util.ServiceLoader} as {@code sns}
 * when this jar is on the class path; the engine does not depend on it.
 */
package io.countersign.notify.sns;
