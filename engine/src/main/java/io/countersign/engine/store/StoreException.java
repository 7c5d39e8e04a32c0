package io.countersign.engine.store;

/** The store could not be reached or refused a write for a reason other than a conflict. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
