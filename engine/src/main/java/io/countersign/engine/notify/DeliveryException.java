package io.countersign.engine.notify;

/**
 * A delivery that failed. {@code retryable}: a timeout, a refused connection, a 5xx or 429 may pass on
 * the next attempt; a 4xx will not, and the event goes to the dead letters at once.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
