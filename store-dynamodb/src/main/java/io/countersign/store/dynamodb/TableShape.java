package io.countersign.store.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The global secondary indexes the store queries, and what a table's description says of each: the one
 * definition {@link Table#create}, {@code store check}, {@code store upgrade} and opening a store go by.
 * Every index has a string partition and sort key and projects all attributes (a query of one reads whole
 * items).
 */
public final class TableShape {

    /** An index the store queries: its name and its string keys. */
    public record Index(String name, String hash, String range) {
    }

    /** Every index, in the order {@code store upgrade} adds the missing ones: the newest last. */
    public static final List<Index> INDEXES = List.of(
            new Index(Table.BY_REQUESTER, Table.REQUESTER_KEY, Table.CREATED),
            new Index(Table.BY_PROFILE, Table.PROFILE_KEY, Table.CREATED),
            new Index(Table.BY_STATUS, Table.STATUS_KEY, Table.CREATED),
            new Index(Table.INBOX, Table.INBOX_KEY, Table.CREATED),
            new Index(Table.GRANTS, Table.GRANT_KEY, Table.GRANT_UNTIL),
            new Index(Table.OUTBOX, Table.OUTBOX_KEY, Table.OUTBOX_AT),
            new Index(Table.DUE, Table.DUE_KEY, Table.DUE_AT),
            new Index(Table.FOLLOW_UPS, Table.FOLLOW_UP_KEY, Table.FOLLOW_UP_AT),
            new Index(Table.SETTLED, Table.SETTLED_KEY, Table.CREATED));

    /** What is wrong with one index. */
    public enum Kind {
        /** The table has no index of that name: made before the index was. */
        MISSING,
        /** Other keys, key types or projection than the store needs: it would answer wrongly. */
        MISSHAPEN,
        /** Being built (CREATING, or another status than ACTIVE): it cannot be queried yet. */
        BUILDING
    }

    /**
     * One index that is not as the store needs it.
     *
     * @param problem what is wrong, in words
     */
    public record Problem(Index index, Kind kind, String problem) {
    }

    private TableShape() {
    }

    /** Each index of {@link #INDEXES} that the described table lacks, has otherwise, or is still building. */
    public static List<Problem> problems(TableDescription table) {
        Map<String, GlobalSecondaryIndexDescription> there = new HashMap<>();
        if (table.hasGlobalSecondaryIndexes()) {
            table.globalSecondaryIndexes().forEach(g -> there.put(g.indexName(), g));
        }
        Map<String, String> types = new HashMap<>();
        if (table.hasAttributeDefinitions()) {
            for (AttributeDefinition a : table.attributeDefinitions()) {
                types.put(a.attributeName(), a.attributeTypeAsString());
            }
        }
        List<Problem> out = new ArrayList<>();
        for (Index need : INDEXES) {
            GlobalSecondaryIndexDescription g = there.get(need.name());
            if (g == null) {
                out.add(new Problem(need, Kind.MISSING, "index '" + need.name() + "' is missing"));
                continue;
            }
            String has = shape(g, types);
            String wanted = need.hash() + " (HASH, S), " + need.range() + " (RANGE, S), projection ALL";
            if (!has.equals(wanted)) {
                out.add(new Problem(need, Kind.MISSHAPEN, "index '" + need.name() + "' has " + has + "; the store needs "
                        + wanted));
            } else if (g.indexStatus() != IndexStatus.ACTIVE) {
                out.add(new Problem(need, Kind.BUILDING, "index '" + need.name() + "' is " + g.indexStatusAsString()
                        + (Boolean.TRUE.equals(g.backfilling()) ? " (backfilling)" : "") + ", not yet ACTIVE"));
            }
        }
        return out;
    }

    /** An index's keys with their types and its projection, in the words {@link #problems} compares. */
    private static String shape(GlobalSecondaryIndexDescription g, Map<String, String> types) {
        List<String> parts = new ArrayList<>();
        for (KeySchemaElement k : g.keySchema()) {
            parts.add(k.attributeName() + " (" + (k.keyType() == KeyType.HASH ? "HASH" : "RANGE") + ", "
                    + types.getOrDefault(k.attributeName(), "?") + ")");
        }
        ProjectionType p = g.projection() == null ? null : g.projection().projectionType();
        parts.add("projection " + (p == null ? "?" : p.toString()));
        return String.join(", ", parts);
    }
}
