package io.countersign.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.countersign.engine.json.Json;
import java.io.IOException;

/**
 * The JSON text of the stored values, as the engine's mapper writes and reads it, in every store. Writing cannot fail
 * for the values the store keeps; a text that cannot be read back is a {@link StoreException}, since
 * it was written (or edited) outside what this store writes.
 */
public final class StoredJson {

    private StoredJson() {
    }

    /** The text a store keeps: {@link Json#portable}, so that what is read back is exactly what was sealed. */
    public static String write(Object value) {
        try {
            return Json.portable(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values are plain JSON", e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new StoreException("a stored item cannot be read: " + e.getMessage(), e);
        }
    }

    private static StoreException unreadable(JsonProcessingException e) {
        return new StoreException("a stored item cannot be read: " + Json.describe(e), e);
    }
}
