package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as DynamoDB sends it (API Reference, "Common Errors" and each operation's "Errors"): HTTP
 * 400 (500 for an internal error) with {@code {"__type": "<namespace>#<Name>", "message": ...}}; the
 * SDK makes its exception from the name after '#'.
 */
final class DynamoError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    /** Where DynamoDB's validation and protocol errors come from: its service framework, not the service. */
    private static final String VALIDATE = "com.amazon.coral.validate#";
    private static final String SERVICE = "com.amazon.coral.service#";

    private final String type;
    private final int status;
    private final transient ObjectNode extra;
    private final boolean capitalMessage;

    private DynamoError(String type, int status, String message, ObjectNode extra) {
        this(type, status, message, extra, false);
    }

    private DynamoError(String type, int status, String message, ObjectNode extra, boolean capitalMessage) {
        super(message);
        this.type = type;
        this.status = status;
        this.extra = extra;
        this.capitalMessage = capitalMessage;
    }

    static DynamoError validation(String message) {
        return new DynamoError(VALIDATE + "ValidationException", 400, message, null);
    }

    /** A failed check of the request's parameters, as DynamoDB words them: "One or more parameter values were invalid: ...". */
    static DynamoError invalid(String message) {
        return validation("One or more parameter values were invalid: " + message);
    }

    static DynamoError service(String name, String message) {
        return new DynamoError(SERVICE + name, 400, message, null);
    }

    static DynamoError of(String name, String message) {
        return new DynamoError(DYNAMODB + name, 400, message, null);
    }

    static DynamoError notFound(String table) {
        return of("ResourceNotFoundException", "Requested resource not found: Table: " + table + " not found");
    }

    static DynamoError conditionFailed() {
        return of("ConditionalCheckFailedException", "The conditional request failed");
    }

    /** A condition that failed, with the item as it was when asked for (ReturnValuesOnConditionCheckFailure). */
    static DynamoError conditionFailed(ObjectNode item) {
        return new DynamoError(DYNAMODB + "ConditionalCheckFailedException", 400, "The conditional request failed", item);
    }

    /** A cancelled transaction and its reasons, one per action (API Reference, TransactWriteItems). */
    static DynamoError cancelled(String message, ObjectNode reasons) {
        // TransactionCanceledException spells it "Message", beside its CancellationReasons
        return new DynamoError(DYNAMODB + "TransactionCanceledException", 400, message, reasons, true);
    }

    /**
     * Something DynamoDB accepts that this test double deliberately does not implement: a distinct error
     * name, so that nobody mistakes it for DynamoDB's answer.
     */
    static DynamoError unsupported(String what) {
        return new DynamoError("io.countersign.testserver#NotImplementedByTestDouble", 400,
                "StrictDynamoTestServer does not implement " + what, null);
    }

    static DynamoError internal(String message) {
        return new DynamoError(DYNAMODB + "InternalServerError", 500, message, null);
    }

    int status() {
        return status;
    }

    /** The response body. */
    ObjectNode body() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("__type", type);
        o.put(capitalMessage ? "Message" : "message", getMessage());
        if (extra != null) {
            o.setAll(extra);
        }
        return o;
    }
}
