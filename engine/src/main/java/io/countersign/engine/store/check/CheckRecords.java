package io.countersign.engine.store.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Change;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The records one run of the check writes, made as the workflow makes them (an event chain that
 * verifies, each decision announced by its event) and marked as test records: ids, requesters, profile
 * and approver groups all start with {@code store-check-RUN}, the actor is {@value #ACTOR}, and every
 * record is dated in January 2000, so that it sorts below every real request in listings and its
 * retention deadline (on DynamoDB, its TTL) has long passed once it is finished. Deadlines that the
 * access check and the sweep read (expiry, end of access) are real times in the near future, so that a
 * concurrent {@code sweep} leaves the records alone while the check runs.
 */
final class CheckRecords {

    static final String ACTOR = "countersign-store-check";
    private static final Instant BASE = Instant.parse("2000-01-01T00:00:00Z");

    final String run;
    private final Clock clock;
    private long tick;
    private final Set<String> made = new LinkedHashSet<>();

    CheckRecords(String run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    /** The next record time: a second after the last, in January 2000. */
    synchronized Instant nextTime() {
        return BASE.plusSeconds(++tick);
    }

    String id(String check, int n) {
        return "store-check-" + run + "-" + check + "-" + n;
    }

    String requester(String check) {
        return "store-check-" + run + "-" + check;
    }

    String profile() {
        return "store-check-" + run;
    }

    String principal(String name) {
        return "group:store-check-" + run + "-" + name;
    }

    /** Every request this run stored, in the order it stored them: for the listings and the clean-up. */
    synchronized List<String> made() {
        return List.copyOf(made);
    }

    /** Notes a request the store accepted. */
    synchronized void stored(String id) {
        made.add(id);
    }

    /** A real instant {@code ahead} from now: for deadlines. */
    Instant fromNow(Duration ahead) {
        return clock.instant().plus(ahead);
    }

    /** A new pending request of {@code requester} whose open stage the given principals may approve. */
    Change pending(String id, String requester, List<String> approvers) {
        return pending(id, requester, approvers, List.of());
    }

    /** A new pending request whose open stage escalates to {@code escalation} after an hour. */
    Change pending(String id, String requester, List<String> approvers, List<String> escalation) {
        Instant at = nextTime();
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", id).put("requester", requester).put("profile", profile()).put("duration", "PT1H");
        r.put("justification", "countersign store check " + run + ": a test record, safe to ignore");
        r.put("status", RequestStatus.PENDING.toString()).put("version", 1);
        r.put("createdAt", at.toString()).put("updatedAt", at.toString()).put("outcome", "pending");
        r.put("risk", 0).put("selfApproval", false).put("delegation", false).put("acceptsUnsigned", false)
                .put("reviewDue", false);
        r.putObject("grant").put("duration", "PT1H").put("renewable", false);
        ObjectNode stage = r.putArray("stages").addObject().put("need", 1).put("openedAt", at.toString());
        ArrayNode from = stage.putArray("from");
        approvers.forEach(from::add);
        if (!escalation.isEmpty()) {
            ArrayNode to = stage.putArray("escalations").addObject().put("after", "PT1H").putArray("to");
            escalation.forEach(to::add);
        }
        r.put("expiresAt", fromNow(Duration.ofDays(1)).toString());
        return chain(r, null, 0, EventType.REQUEST_CREATED, null, at);
    }

    /** The next version of {@code before}, as {@code edit} changes it, announced by an event of {@code type}. */
    Change next(StoredRequest before, EventType type, ApprovalDecision decision, Consumer<ObjectNode> edit) {
        Instant at = nextTime();
        ObjectNode r = Json.mapper().valueToTree(before);
        r.put("version", before.version() + 1).put("updatedAt", at.toString());
        edit.accept(r);
        return chain(r, before.eventHash(), before.eventSequence(), type, decision, at);
    }

    /** The request approved: its stage closed, access until {@code accessEnd}. */
    Change approved(StoredRequest before, Instant accessEnd) {
        return next(before, EventType.REQUEST_APPROVED, null, r -> {
            r.put("status", RequestStatus.APPROVED.toString());
            r.put("accessStart", r.get("updatedAt").asText()).put("accessEnd", accessEnd.toString());
        });
    }

    Change cancelled(StoredRequest before) {
        return next(before, EventType.REQUEST_CANCELLED, null, r -> {
            r.put("status", RequestStatus.CANCELLED.toString());
            r.remove("accessStart");
            r.remove("accessEnd");
        });
    }

    /** A decision by policy (so that no signature is expected of it), recorded on {@code before}. */
    Change decided(StoredRequest before, String decisionId, Instant decisionDate) {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("@type", ApprovalDecision.TYPE).put("decisionId", decisionId).put("requestId", before.id());
        d.put("approver", ApprovalDecision.POLICY).put("decision", "approved").put("decisionDate", decisionDate.toString());
        d.put("rationale", "countersign store check " + run);
        ApprovalDecision decision = Json.mapper().convertValue(d, ApprovalDecision.class);
        return next(before, EventType.DECISION_RECORDED, decision, r -> { });
    }

    /** The request in {@code r}, its one event chained after {@code prevHash}, and the decision it records. */
    private static Change chain(ObjectNode r, String prevHash, long sequence, EventType type, ApprovalDecision decision,
            Instant at) {
        // The event's copy in the stored form, as the workflow writes it (empty lists written out, no
        // chain head): the audit compares each event's request with the first one's field by field.
        r.put("eventSequence", 0L);
        ObjectNode copy = stored(Json.mapper().convertValue(r, StoredRequest.class));
        copy.remove("eventSequence");
        copy.remove("eventHash");
        copy.remove("seal");
        r.remove("eventSequence");
        r.remove("eventHash");
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("request", copy);
        if (decision != null) {
            data.set("decision", Json.mapper().valueToTree(decision));
        }
        // Only the requester asks and cancels (the audit checks it); the check acts for everyone else.
        String actor = type == EventType.REQUEST_CREATED || type == EventType.REQUEST_CANCELLED
                ? r.get("requester").asText() : ACTOR;
        Event e = EventChain.seal(new Event(UUID.randomUUID().toString(), type, at, actor, r.get("id").asText(),
                sequence + 1, data, prevHash, null));
        r.put("eventSequence", e.sequence()).put("eventHash", e.hash());
        StoredRequest request = Json.mapper().convertValue(r, StoredRequest.class);
        return new Change(request, decision == null ? List.of() : List.of(decision), List.of(e));
    }

    /** {@code request} as its JSON text reads back (numbers as a store returns them). */
    private static ObjectNode stored(StoredRequest request) {
        try {
            return (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(request));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request the check made cannot be written as JSON", e);
        }
    }

    /**
     * A stored record as JSON, for comparing what was written with what is read: without its seal, which
     * a sealed store adds on the way in (and checks on the way out).
     */
    static JsonNode json(Object value) {
        JsonNode tree = Json.mapper().valueToTree(value);
        if (tree instanceof ObjectNode o) {
            o.remove("seal");
        }
        return tree;
    }

    /** The ids of a page of requests. */
    static List<String> ids(List<StoredRequest> requests) {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.id()));
        return out;
    }
}
