package io.countersign.store.dynamodb.testserver;

/** DynamoDB's limits that the test double enforces (Developer Guide, "Service, account, and table quotas"). */
final class Limits {

    /** An item: 400 KB, names and values (Developer Guide, "Item size and format"). */
    static final long ITEM_SIZE = 400 * 1024;
    /** One Query response reads at most 1 MB (API Reference, Query: "a maximum of 1 MB of data"). */
    static final long PAGE = 1024 * 1024;
    /** TransactWriteItems: at most 100 actions (API Reference, TransactWriteItems, TransactItems). */
    static final int TRANSACTION_ITEMS = 100;
    /** BatchGetItem: at most 100 keys (API Reference, BatchGetItem). */
    static final int BATCH_GET_KEYS = 100;
    /** BatchGetItem: a response of at most 16 MB; the rest comes back as UnprocessedKeys. */
    static final long BATCH_GET_BYTES = 16L * 1024 * 1024;

    private Limits() {
    }
}
