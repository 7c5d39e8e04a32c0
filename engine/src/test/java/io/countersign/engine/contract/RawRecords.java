package io.countersign.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The stored records of one store, read and written as someone with write access to the table or the
 * database file would: past the {@link io.countersign.engine.store.Store} API, with no condition, no
 * version check, no event and no outbox entry. Tampering tests change records through this and then
 * demand that {@code audit verify} and the access check notice.
 *
 * <p>Records are the JSON documents the store keeps (the request, each decision, each event), exactly
 * as stored. A store may also keep values it derives from the request for its indexes (its status, its
 * version, the grants index's key and deadline, the inbox entries of its open stage): {@link
 * #writeRequestIndexed} rewrites those as the store itself would, so that a forged status or access
 * window is what the listings, the inbox and the access check find; {@link #writeRequest} leaves them as
 * they were. Every write replaces the whole record it names and nothing else.
 */
public interface RawRecords {

    /** The request's stored document; empty when there is none. */
    Optional<ObjectNode> request(String id);

    /** Replaces the request's stored document by {@code request}, leaving what the store derived from the old one. */
    void writeRequest(String id, JsonNode request);

    /**
     * Replaces the request's stored document by {@code request} and re-derives from it, as the store does
     * on a write, every index value and index entry: what a tamperer who knows the schema writes to make
     * the change visible to listings, inboxes and the access check. {@code request} must still read as
     * a request.
     */
    void writeRequestIndexed(String id, JsonNode request);

    /** Deletes the request's record and its index entries; its decisions and events stay. */
    void deleteRequest(String id);

    /** The request's stored decisions, in the order the store keeps them (not necessarily the order made). */
    List<ObjectNode> decisions(String id);

    /**
     * Stores {@code decision} for the request: in place of the stored decision with the same
     * {@code decisionId}, or as one more when there is none.
     */
    void writeDecision(String id, JsonNode decision);

    /** Deletes the request's stored decision {@code decisionId}; nothing when there is none. */
    void deleteDecision(String id, String decisionId);

    /**
     * The request's stored events by slot: the sequence the store files each under, which is the
     * event's own {@code sequence} unless someone moved it.
     */
    SortedMap<Long, ObjectNode> events(String id);

    /**
     * Stores {@code event} in slot {@code slot} of the request, whatever sequence it names itself: in
     * place of the event there (keeping that slot's delivery state), or as a new one, not owed to any
     * notifier. The store reads events in slot order.
     */
    void writeEvent(String id, long slot, JsonNode event);

    /** Deletes the event in slot {@code slot} of the request; nothing when the slot is empty. */
    void deleteEvent(String id, long slot);
}
