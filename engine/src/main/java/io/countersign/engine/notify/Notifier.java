package io.countersign.engine.notify;

import io.countersign.engine.event.Event;

/**
 * Delivers events somewhere. Called from the outbox dispatcher, in each request's event order, at least
 * once: a receiver de-duplicates by {@link Event#id()}. Implementations must be thread-safe.
 */
public interface Notifier extends AutoCloseable {

    /** The name it is configured by ({@code webhook}, {@code sns}, ...). */
    String name();

    /**
     * Delivers one event, or throws.
     *
     * @throws DeliveryException saying whether trying again may help
     */
    void deliver(Event event) throws DeliveryException;

    @Override
    default void close() {
    }
}
