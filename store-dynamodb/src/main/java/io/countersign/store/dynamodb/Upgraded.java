package io.countersign.store.dynamodb;

import java.util.List;

/**
 * What {@code store upgrade} did to a table.
 *
 * @param added the indexes it added, in order; empty when none was missing
 * @param rekeyed its pass over the request items ({@link IndexRekey})
 */
public record Upgraded(List<String> added, Rekeyed rekeyed) {

    public Upgraded {
        added = List.copyOf(added);
    }

    /**
     * The pass over the request items that gives those written before the sparse indexes (due,
     * follow-ups, settled) the keys that put them there.
     *
     * @param read the request items read
     * @param rekeyed those that belonged in an index and lacked its keys, now keyed
     * @param unreadable those whose document could not be read: skipped, left as they were
     * @param changed those written meanwhile (their writer set the keys): skipped
     */
    public record Rekeyed(int read, int rekeyed, int unreadable, int changed) {
    }
}
