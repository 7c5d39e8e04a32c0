package io.countersign.store.dynamodb;

/**
 * An index of a name the store queries, with other keys or another projection than it needs: {@code
 * store upgrade} does not replace it (the message says how to), as the store would answer wrongly from it.
 */
public final class MisshapenIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MisshapenIndexException(String message) {
        super(message);
    }
}
