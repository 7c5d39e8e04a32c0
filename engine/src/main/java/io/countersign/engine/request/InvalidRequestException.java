package io.countersign.engine.request;

/** A request the engine refuses to evaluate; the message names the field at fault. */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(field.isEmpty() ? message : "field '" + field + "': " + message);
        this.field = field;
    }

    /** The field at fault, as named in JSON ({@code duration}, {@code permissions[2]}); empty for the whole request. */
    public String field() {
        return field;
    }
}
