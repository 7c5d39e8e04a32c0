package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.StoredJson;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests this store has read, each with the exact text it was read from: the same text parses to the
 * same (immutable) request, so reading it again costs a comparison instead of a parse. An access check
 * that a gateway asks again and again reads the same row each time. Anything else in the row — a new
 * version, or an edit behind the store's back — is parsed afresh.
 */
final class ParsedRequests {

    private static final int MAX = 512;

    private record Parsed(byte[] data, StoredRequest request) {
    }

    private final ConcurrentHashMap<String, Parsed> byId = new ConcurrentHashMap<>();

    /** @param data the row's text as its UTF-8 bytes, compared as they are and decoded only when they changed */
    StoredRequest read(String id, byte[] data) {
        Parsed p = byId.get(id);
        if (p != null && Arrays.equals(p.data(), data)) {
            return p.request();
        }
        StoredRequest r = StoredJson.read(data, StoredRequest.class);
        if (byId.size() >= MAX) {
            byId.clear(); // crude, and enough: the requests that matter are read again at once
        }
        byId.put(id, new Parsed(data, r));
        return r;
    }
}
