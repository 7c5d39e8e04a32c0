package io.countersign.store.dynamodb;

import io.countersign.engine.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Adds the indexes a table lacks ({@code countersign store upgrade}): one {@code UpdateTable} per index,
 * as DynamoDB takes only one index change per request and none while the table is UPDATING, each
 * followed by waiting until the table and the index are ACTIVE (DynamoDB backfills the index from the
 * items there meanwhile). Idempotent: an index present is left alone, one being built is waited for,
 * so an upgrade cut short is finished by running it again. A misshapen index is not touched: it is
 * the operator's to delete (a store would answer wrongly from it), and nothing is added before that.
 * Once every index is ACTIVE, the request items that belong in a sparse index and lack its keys get
 * them ({@link IndexRekey}): DynamoDB backfills an index only from items that carry its keys.
 */
final class TableUpgrade {

    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
    private static final Duration MISSING_FOR = Duration.ofMinutes(1);

    private final DynamoDbClient db;
    private final String table;
    private final Consumer<String> progress;

    TableUpgrade(DynamoDbClient db, String table, Consumer<String> progress) {
        this.db = db;
        this.table = table;
        this.progress = progress;
    }

    /**
     * Adds every missing index and waits for each, then gives the request items written before the sparse
     * indexes the keys they lack ({@link IndexRekey}); returns the names of the indexes it added and what the pass did.
     *
     * @param fix what to do about a misshapen index, for the message that refuses to go on
     * @throws MisshapenIndexException naming a misshapen index and {@code fix}, before anything is changed
     */
    Upgraded run(Function<TableShape.Problem, String> fix) {
        List<TableShape.Problem> problems = TableShape.problems(describe());
        for (TableShape.Problem p : problems) {
            if (p.kind() == TableShape.Kind.MISSHAPEN) {
                throw new MisshapenIndexException(p.problem() + ". " + fix.apply(p));
            }
        }
        List<String> added = new ArrayList<>();
        for (TableShape.Problem p : problems) {
            TableShape.Index index = p.index();
            if (p.kind() == TableShape.Kind.MISSING) {
                progress.accept("adding index '" + index.name() + "' (" + index.hash() + ", " + index.range() + ")");
                long start = System.nanoTime();
                if (create(index)) {
                    added.add(index.name());
                }
                waitUntilActive(index);
                progress.accept("index '" + index.name() + "' is ACTIVE (" + seconds(start) + ")");
            } else {
                progress.accept(p.problem() + ": waiting until it is ACTIVE");
                waitUntilActive(index);
                progress.accept("index '" + index.name() + "' is ACTIVE");
            }
        }
        // Every run, not only the one that added the indexes: an upgrade cut short during the pass is
        // finished by running it again, and items an older countersign wrote meanwhile get their keys.
        return new Upgraded(added, new IndexRekey(db, table, progress).run());
    }

    /** Asks for the index; false when someone else's upgrade created it meanwhile. */
    private boolean create(TableShape.Index index) {
        while (true) {
            waitUntilTableActive();
            try {
                GlobalSecondaryIndexUpdate create = GlobalSecondaryIndexUpdate.builder().create(c -> c
                        .indexName(index.name())
                        .keySchema(key(index.hash(), KeyType.HASH), key(index.range(), KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))).build();
                db.updateTable(b -> b.tableName(table)
                        .attributeDefinitions(string(index.hash()), string(index.range()))
                        .globalSecondaryIndexUpdates(create));
                return true;
            } catch (ResourceInUseException busy) {
                // Another change to the table is under way (another upgrade, perhaps): wait, then look again.
                if (TableShape.problems(describe()).stream().noneMatch(p -> p.index().equals(index)
                        && p.kind() == TableShape.Kind.MISSING)) {
                    return false;
                }
            }
        }
    }

    private void waitUntilTableActive() {
        Duration wait = FIRST_WAIT;
        while (describe().tableStatus() != TableStatus.ACTIVE) {
            wait = pause(wait);
        }
    }

    /**
     * Until the table is ACTIVE and the index is there and ACTIVE: the next UpdateTable may then go. A
     * description may not show a new index at once (DescribeTable is eventually consistent), so one
     * missing is looked for again for a minute before the wait is given up.
     */
    private void waitUntilActive(TableShape.Index index) {
        Duration wait = FIRST_WAIT;
        long giveUp = System.nanoTime() + MISSING_FOR.toNanos();
        while (true) {
            TableDescription d = describe();
            List<TableShape.Problem> left = TableShape.problems(d).stream().filter(p -> p.index().equals(index)).toList();
            if (d.tableStatus() == TableStatus.ACTIVE && left.isEmpty()) {
                return;
            }
            TableShape.Kind kind = left.isEmpty() ? TableShape.Kind.BUILDING : left.get(0).kind();
            if (kind == TableShape.Kind.MISSHAPEN) {
                throw new MisshapenIndexException("while waiting for it, " + left.get(0).problem());
            }
            if (kind == TableShape.Kind.MISSING && System.nanoTime() > giveUp) {
                throw new StoreException("while waiting for it, " + left.get(0).problem(), null);
            }
            wait = pause(wait);
        }
    }

    private TableDescription describe() {
        return db.describeTable(b -> b.tableName(table)).table();
    }

    private static Duration pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the table: run the upgrade again to finish", e);
        }
        Duration next = wait.multipliedBy(2);
        return next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next;
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static String seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds() + " s";
    }
}
