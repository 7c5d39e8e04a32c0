package io.countersign.engine.store;

/** A conditional write lost: the request exists already, or changed since it was read. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
