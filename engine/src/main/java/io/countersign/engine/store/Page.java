package io.countersign.engine.store;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param next the cursor of the following page; null on the last page
 */
public record Page<T>(List<T> items, String next) {

    /** The most items any store gives in one page: every limit of the {@link Store} SPI is 1 to this. */
    public static final int MAX_ITEMS = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /** {@code limit}, when it is one a store takes; else refused, as the {@link Store} SPI says. */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX_ITEMS) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_ITEMS);
        }
        return limit;
    }
}
