package io.countersign.engine.store;

import io.countersign.engine.model.StoredRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request {@link Store#open} finds, with the way to its history: read with it, in the same snapshot,
 * by a store that can (the access check then reads once), or read when asked.
 *
 * @param request the request as the open query found it
 * @param history its history, as {@link Store#history} gives it
 */
public record OpenRequest(StoredRequest request, Supplier<Optional<History>> history) {

    public OpenRequest {
        Objects.requireNonNull(request);
        Objects.requireNonNull(history);
    }

    /** A request whose history {@code store} reads when it is asked for. */
    public static OpenRequest of(StoredRequest request, Store store) {
        return new OpenRequest(request, () -> store.history(request.id()));
    }

    /** A request whose history was read with it. */
    public static OpenRequest read(StoredRequest request, History history) {
        Optional<History> h = Optional.of(history);
        return new OpenRequest(request, () -> h);
    }
}
