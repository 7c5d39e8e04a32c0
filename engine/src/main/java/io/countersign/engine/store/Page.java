package io.countersign.engine.store;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param next the cursor of the following page; null on the last page
 */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
