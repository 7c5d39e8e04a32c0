package io.countersign.engine.seal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.StoredRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Seals a record as the service writes it and checks the seal of a record read back. A seal is
 * {@code v1:KEY-ID:MAC}: MAC is the base64url HMAC-SHA256, by the key KEY-ID, of a fixed prefix naming
 * the kind of record and the record's canonical JSON without its {@code seal} (keys sorted, compact),
 * taken, when sealing, after one trip through the stored JSON form, so that what is sealed is exactly
 * what a reader will read back and check. The trip goes back to the record, not only to a tree of the
 * text: a typed field's tree can differ from the text's (a decimal written {@code 610} is {@code 6.1E+2}
 * as a {@code BigDecimal}'s tree; {@code SealerProperties}). A request's seal covers its chain head, an
 * event's its hash.
 */
public final class Sealer {

    /**
     * The seal an export gives an item whose seal does not verify in the store it is exported from: no key
     * verifies it, and an import keeps it rather than seal the item as the service's own ({@link
     * SealedStore#restore}), so the change stays found wherever the record moves.
     */
    public static final String UNVOUCHED = "unvouched";

    /** Seals nothing and checks nothing. */
    public static final Sealer NONE = new Sealer(SealKeys.NONE);
    private static final String VERSION = "v1";

    private final SealKeys keys;

    public Sealer(SealKeys keys) {
        this.keys = Objects.requireNonNull(keys);
    }

    /** The sealer of {@code store}: its keys when it is a {@link SealedStore}, else {@link #NONE}. */
    public static Sealer of(Store store) {
        return store instanceof SealedStore s ? s.sealer() : NONE;
    }

    /** Whether this sealer seals and checks. */
    public boolean sealing() {
        return keys.sealing();
    }

    /** Every record of a change sealed with the current key. */
    public Change seal(Change c) {
        if (!sealing()) {
            return c;
        }
        List<ApprovalDecision> decisions = new ArrayList<>();
        c.decisions().forEach(d -> decisions.add(seal(d)));
        List<Event> events = new ArrayList<>();
        c.events().forEach(e -> events.add(seal(e)));
        return new Change(seal(c.request()), decisions, events);
    }

    public StoredRequest seal(StoredRequest r) {
        return sealing() ? r.withSeal(seal("request", r, StoredRequest.class)) : r;
    }

    public ApprovalDecision seal(ApprovalDecision d) {
        return sealing() ? d.withSeal(seal("decision", d, ApprovalDecision.class)) : d;
    }

    public Event seal(Event e) {
        return sealing() ? e.withSeal(seal("event", e, Event.class)) : e;
    }

    /** What is wrong with the request's seal, or null when it holds (or nothing is checked). */
    public String check(StoredRequest r) {
        return check("request", r, StoredRequest.class, r.seal());
    }

    /** What is wrong with the decision's seal, or null when it holds. */
    public String check(ApprovalDecision d) {
        return check("decision", d, ApprovalDecision.class, d.seal());
    }

    /** What is wrong with the event's seal, or null when it holds. */
    public String check(Event e) {
        return check("event", e, Event.class, e.seal());
    }

    /**
     * The record as an export writes it: each item whose seal does not verify here marked {@link
     * #UNVOUCHED} (an import would otherwise seal it as the service's own); as it is without seal keys.
     */
    public Archive vouched(Archive archive) {
        if (!sealing()) {
            return archive;
        }
        History h = archive.history();
        StoredRequest r = check(h.request()) == null ? h.request() : h.request().withSeal(UNVOUCHED);
        List<ApprovalDecision> decisions = new ArrayList<>();
        h.decisions().forEach(d -> decisions.add(check(d) == null ? d : d.withSeal(UNVOUCHED)));
        List<Event> events = new ArrayList<>();
        h.events().forEach(e -> events.add(check(e) == null ? e : e.withSeal(UNVOUCHED)));
        return new Archive(new History(r, decisions, events), archive.deliveries());
    }

    private <T> String seal(String kind, T record, Class<T> type) {
        String id = keys.current();
        return VERSION + ":" + id + ":" + mac(kind, id, canonical(stored(record, type)));
    }

    private <T> String check(String kind, T record, Class<T> type, String seal) {
        if (!sealing()) {
            return null;
        }
        if (seal == null) {
            return "its " + kind + " item carries no seal: the service did not write it";
        }
        if (seal.equals(UNVOUCHED)) {
            return "its " + kind + " item's seal did not verify in the store it was exported from: it was changed"
                    + " since the service wrote it";
        }
        String[] parts = seal.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return "its " + kind + " item's seal is malformed: the service did not write it";
        }
        if (!keys.holds(parts[1])) {
            return "its " + kind + " item is sealed with key '" + parts[1] + "', which this service does not hold";
        }
        // A record checked was read back from its stored JSON: it is its stored form already.
        byte[] expected = mac(kind, parts[1], canonical(record)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return "its " + kind + " item's seal does not verify: it was changed since the service wrote it";
        }
        return null;
    }

    private String mac(String kind, String keyId, String canonical) {
        byte[] text = ("countersign-seal\n" + kind + "\n" + canonical).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.mac(keyId, text));
    }

    /** The record as a reader gets it back from its stored JSON (numbers as decimals, say). */
    private static <T> T stored(T record, Class<T> type) {
        try {
            return Json.mapper().readValue(Json.mapper().writeValueAsBytes(record), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a record the service writes is plain JSON", e);
        }
    }

    /** The record without its seal, canonical. */
    private static String canonical(Object record) {
        ObjectNode tree = Json.mapper().valueToTree(record);
        tree.remove("seal");
        return EventChain.canonical(tree);
    }
}
