package io.countersign.engine.workflow;

/** No request has this id. */
public final class UnknownRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownRequestException(String id) {
        super("no request has the id '" + id + "'");
    }
}
