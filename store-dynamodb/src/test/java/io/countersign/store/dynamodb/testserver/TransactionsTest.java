package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** API Reference, TransactWriteItems and TransactionCanceledException. */
class TransactionsTest extends ServerTestBase {

    private static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item, String table) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    // TransactionCanceledException: "CancellationReasons ... ordered in the same order as the TransactItems";
    // an item whose condition failed is ConditionalCheckFailed, one that did not fail None.
    @Test
    void aFailedConditionCancelsWithOneReasonPerActionInOrder() {
        String t = table();
        put(t, item("pk", s("b"), "sk", s("1"), "v", s("old")));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(b ->
                b.transactItems(put(item("pk", s("a"), "sk", s("1")), t), putIfAbsent(t, item("pk", s("b"), "sk", s("1"))),
                        put(item("pk", s("c"), "sk", s("1")), t))));
        List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
        assertEquals(List.of("None", "ConditionalCheckFailed", "None"), codes);
        assertEquals("The conditional request failed", e.cancellationReasons().get(1).message());
        assertEquals("TransactionCanceledException", e.awsErrorDetails().errorCode());
    }

    // "The entire transaction request was canceled": all or nothing, the actions that passed included.
    @Test
    void aCancelledTransactionWritesNothing() {
        String t = table();
        put(t, item("pk", s("b"), "sk", s("1"), "v", s("old")));
        assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(b -> b.transactItems(
                put(item("pk", s("a"), "sk", s("1")), t),
                TransactWriteItem.builder().update(u -> u.tableName(t).key(key("b", "1")).updateExpression("SET v = :n")
                        .conditionExpression("v = :x").expressionAttributeValues(Map.of(":n", s("new"), ":x", s("other"))))
                        .build())));
        assertNull(get(t, key("a", "1")));
        assertEquals("old", get(t, key("b", "1")).get("v").s());
    }

    @Test
    void aTransactionThatPassesWritesEveryAction() {
        String t = table();
        put(t, item("pk", s("gone"), "sk", s("1")));
        put(t, item("pk", s("kept"), "sk", s("1"), "v", n("1")));
        db.transactWriteItems(b -> b.transactItems(putIfAbsent(t, item("pk", s("new"), "sk", s("1"))),
                TransactWriteItem.builder().delete(d -> d.tableName(t).key(key("gone", "1"))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(key("kept", "1"))
                        .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n("1")))).build()));
        assertEquals("new", get(t, key("new", "1")).get("pk").s());
        assertNull(get(t, key("gone", "1")));
    }

    // A ConditionCheck that fails cancels the transaction like any other condition.
    @Test
    void aFailedConditionCheckCancels() {
        String t = table();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(b ->
                b.transactItems(TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(key("none", "1"))
                        .conditionExpression("attribute_exists(pk)")).build(), put(item("pk", s("a"), "sk", s("1")), t))));
        assertEquals(List.of("ConditionalCheckFailed", "None"),
                e.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertNull(get(t, key("a", "1")));
    }

    // ReturnValuesOnConditionCheckFailure ALL_OLD: the reason carries the item as it was.
    @Test
    void theReasonCarriesTheItemWhenAskedFor() {
        String t = table();
        put(t, item("pk", s("b"), "sk", s("1"), "v", s("old")));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(b ->
                b.transactItems(TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", s("b"), "sk", s("1")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertEquals("old", e.cancellationReasons().get(0).item().get("v").s());
    }

    // "More than one action in the TransactWriteItems operation targets the same item": a ValidationException.
    @Test
    void twoActionsOnOneItemAreRefused() {
        String t = table();
        invalid("Transaction request cannot include multiple operations on one item", () -> db.transactWriteItems(b ->
                b.transactItems(put(item("pk", s("a"), "sk", s("1")), t),
                        TransactWriteItem.builder().delete(d -> d.tableName(t).key(key("a", "1"))).build())));
        assertNull(get(t, key("a", "1")));
    }

    // TransactItems: "Maximum number of 100 items".
    @Test
    void moreThanAHundredActionsAreRefused() {
        String t = table();
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            items.add(put(item("pk", s("a" + i), "sk", s("1")), t));
        }
        invalid("Member must have length less than or equal to 100", () -> db.transactWriteItems(b -> b.transactItems(items)));
    }

    // A malformed action refuses the whole request before any condition is evaluated: ValidationException, not a cancellation.
    @Test
    void aMalformedActionIsAValidationErrorAndWritesNothing() {
        String t = table();
        invalid("An expression attribute value used in expression is not defined; attribute value: :missing", () ->
                db.transactWriteItems(b -> b.transactItems(put(item("pk", s("a"), "sk", s("1")), t),
                        TransactWriteItem.builder().update(u -> u.tableName(t).key(key("b", "1"))
                                .updateExpression("SET v = :missing")).build())));
        assertNull(get(t, key("a", "1")));
    }

    @Test
    void anUnknownTableIsResourceNotFound() {
        refused(ResourceNotFoundException.class, "Requested resource not found", () -> db.transactWriteItems(b ->
                b.transactItems(put(item("pk", s("a"), "sk", s("1")), "no-such-table"))));
    }

    // ClientRequestToken: "subsequent calls with the same client token return successfully without making any
    // changes" within 10 minutes; the same token with other parameters is IdempotentParameterMismatchException.
    @Test
    void aRepeatedClientTokenChangesNothingTheSecondTime() {
        String t = table();
        put(t, item("pk", s("c"), "sk", s("1"), "n", n("0")));
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(t).key(key("c", "1"))
                .updateExpression("SET n = n + :one").expressionAttributeValues(Map.of(":one", n("1")))).build();
        db.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(increment));
        db.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(increment));
        assertEquals("1", get(t, key("c", "1")).get("n").n());
        refused(IdempotentParameterMismatchException.class, "same client token", () -> db.transactWriteItems(b ->
                b.clientRequestToken("token-1").transactItems(put(item("pk", s("d"), "sk", s("1")), t))));
        db.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(increment));
        assertEquals("2", get(t, key("c", "1")).get("n").n());
    }

    // An update that would make an item larger than 400 KB cancels the transaction with a ValidationError reason.
    @Test
    void anUpdateBeyondTheItemLimitCancelsWithAValidationError() {
        String t = table();
        put(t, item("pk", s("big"), "sk", s("1"), "a", s("x".repeat(300_000))));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(b ->
                b.transactItems(TransactWriteItem.builder().update(u -> u.tableName(t).key(key("big", "1"))
                        .updateExpression("SET b = :b").expressionAttributeValues(Map.of(":b", s("y".repeat(200_000)))))
                        .build())));
        assertEquals("ValidationError", e.cancellationReasons().get(0).code());
        assertNull(get(t, key("big", "1")).get("b"));
    }
}
