package io.countersign.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.History;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks one request's stored record, in the order a reader needs it: the events chain (sequence 1,
 * 2, 3…, each {@code prevHash} the previous hash, each hash recomputed) up to the head the request
 * names; every item carries the service's seal; the request item is the state the newest event
 * records; every stored decision is the one an event announced; every person's action carries a
 * signature over what the record says it did, or is unsigned where the policy accepts that; the state
 * follows from those actions and policy's decision and is nothing wider ({@link Grounds}); and policy's
 * decision is the one the policy set with its digest gives ({@link PolicyJudge}). Work proportional to
 * the request's own history, nothing else.
 */
public final class Evidence {

    private final PublicKeys keys;
    private final Sealer sealer;
    private final PolicyJudge judge;
    /** Records found intact, by request id: null when every check is made in full (the audit). */
    private final Map<String, Intact> intact;
    private static final int INTACT_MAX = 10_000;

    /**
     * @param keys the people's public keys; null checks no signature
     * @param sealer the service's seal keys ({@link Sealer#NONE}: no seal checked)
     * @param judge what checks policy's decision ({@link PolicyJudge#NONE}: nothing)
     */
    public Evidence(PublicKeys keys, Sealer sealer, PolicyJudge judge) {
        this(keys, sealer, judge, false);
    }

    private Evidence(PublicKeys keys, Sealer sealer, PolicyJudge judge, boolean remember) {
        this.keys = keys;
        this.sealer = Objects.requireNonNull(sealer);
        this.judge = Objects.requireNonNull(judge);
        this.intact = remember ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    /**
     * The same check, remembering a sealed record found intact until its request item or head changes:
     * the gateway checks the same grant on every call. A record whose item carries the same seal and
     * names the same head, with no event past it, is the record already checked; what the directory
     * says of it is judged again every time (it may change at any moment). Policy's decision found to be
     * the one this judge's policy sets give is remembered with the record: the sets are fixed and the
     * decision is pure in the set and the record, so judging it again could only give the same answer
     * (one found wrong is judged again each time). Without seals nothing is remembered (an item could
     * then change without its seal changing). Changes to older items made after the check are the
     * audit's to find.
     */
    public static Evidence remembering(PublicKeys keys, Sealer sealer, PolicyJudge judge) {
        return new Evidence(keys, sealer, judge, true);
    }

    /**
     * What a record found intact needs to be judged again; {@code policyHolds}: policy's decision was
     * found to be the one the policy set gives.
     */
    private record Intact(StoredRequest item, String seal, String head, long sequence, StoredRequest state,
            StoredRequest created, JsonNode createdTree, JsonNode policyDecision, Event first,
            Map<String, JsonNode> announced, Map<String, Event> announcedBy, boolean policyHolds) {
    }

    public Verdict check(History h) {
        Intact known = known(h);
        if (known != null) {
            List<Finding> out = new ArrayList<>();
            judge(known, known.policyHolds() ? null : decision(known), out);
            return new Verdict(known.state(), out);
        }
        List<Finding> out = new ArrayList<>();
        List<Event> events = h.events();
        EventChain.Broken broken = EventChain.verify(events);
        if (broken != null) {
            out.add(new Finding(broken.event().sequence(), broken.event().id(), broken.reason()));
            return new Verdict(null, out);
        }
        StoredRequest r = h.request();
        Event last = events.isEmpty() ? null : events.get(events.size() - 1);
        long lastSequence = last == null ? 0 : last.sequence();
        if (lastSequence != r.eventSequence() || !Objects.equals(last == null ? null : last.hash(), r.eventHash())) {
            out.add(new Finding(r.eventSequence(), null, "the request names event " + r.eventSequence()
                    + " as its latest, but the stored events end at " + lastSequence + ": events are missing"));
            return new Verdict(null, out);
        }
        if (last == null) {
            out.add(Finding.of("the request has no events: its submission was never recorded"));
            return new Verdict(null, out);
        }
        // A chain broken or cut short is the first thing wrong; past it, an item the service did not seal is.
        seals(h, out);
        StoredRequest state;
        List<StoredRequest> states = new ArrayList<>();
        try {
            for (Event e : events) {
                states.add(request(e));
            }
            state = states.get(states.size() - 1);
        } catch (JsonProcessingException | RuntimeException e) {
            out.add(Finding.of("an event's request cannot be read: " + e.getMessage()));
            return new Verdict(null, out);
        }
        String differs = differs(r, last);
        if (differs != null) {
            out.add(new Finding(last.sequence(), last.id(), "the request item differs from the request its newest"
                    + " event records (" + differs + "): it was changed outside the workflow"));
        }
        Map<String, JsonNode> announced = new LinkedHashMap<>();
        Map<String, Event> announcedBy = new HashMap<>();
        decisions(h, announced, announcedBy, out);
        StoredRequest created = states.get(0);
        JsonNode createdTree = events.get(0).data().get("request");
        Boolean policyAccepts = judge.acceptsUnsigned(created);
        Map<String, JsonNode> signedGrants = new HashMap<>();
        Set<String> rejected = new HashSet<>();
        if (keys != null) {
            signatures(events, created, createdTree, policyAccepts != null ? policyAccepts : created.acceptsUnsigned(),
                    signedGrants, rejected, out);
        }
        new Grounds(events, announced, signedGrants, rejected).check(created, state, out);
        Notes.check(events, announced, judge, out);
        JsonNode policyDecision = null;
        for (JsonNode d : announced.values()) {
            if (ApprovalDecision.POLICY.equals(d.path("approver").asText()) && policyDecision == null) {
                policyDecision = d;
            }
        }
        Finding decided = judge.decision(created, createdTree, policyDecision, events.get(0).sequence(),
                events.get(0).id());
        Intact checked = new Intact(r, r.seal(), r.eventHash(), r.eventSequence(), state, created, createdTree,
                policyDecision, events.get(0), announced, announcedBy, decided == null);
        if (intact != null && out.isEmpty() && sealer.sealing() && r.seal() != null) {
            if (intact.size() >= INTACT_MAX) {
                intact.clear();
            }
            intact.put(r.id(), checked);
        }
        judge(checked, decided, out);
        return new Verdict(state, out);
    }

    /** The record as found intact before, when this is still it; null when it must be checked in full. */
    private Intact known(History h) {
        if (intact == null) {
            return null;
        }
        StoredRequest r = h.request();
        Intact k = intact.get(r.id());
        List<Event> events = h.events();
        // The whole item as it was found intact, not only its seal and head: an item edited behind a seal
        // it kept is checked in full again (and its seal found wrong).
        if (k == null || r.seal() == null || !r.seal().equals(k.seal()) || !r.equals(k.item())
                || !Objects.equals(r.eventHash(), k.head())
                || events.size() != k.sequence() || events.isEmpty()
                || !Objects.equals(events.get(events.size() - 1).hash(), k.head())) {
            return null;
        }
        return k;
    }

    private Finding decision(Intact k) {
        return judge.decision(k.created(), k.createdTree(), k.policyDecision(), k.first().sequence(), k.first().id());
    }

    /** What the policies ({@code decided}: what is wrong with policy's decision) and the directory say of the record. */
    private void judge(Intact k, Finding decided, List<Finding> out) {
        if (decided != null) {
            out.add(decided);
        }
        Finding facts = judge.facts(k.created(), k.first().sequence(), k.first().id());
        if (facts != null) {
            out.add(facts);
        }
        for (Map.Entry<String, JsonNode> d : k.announced().entrySet()) {
            String problem = judge.authority(d.getValue());
            if (problem != null) {
                Event e = k.announcedBy().get(d.getKey());
                out.add(new Finding(e.sequence(), e.id(), problem));
            }
        }
    }

    private void seals(History h, List<Finding> out) {
        if (!sealer.sealing()) {
            return;
        }
        String p = sealer.check(h.request());
        if (p != null) {
            out.add(Finding.of("the request: " + p));
        }
        for (ApprovalDecision d : h.decisions()) {
            String q = sealer.check(d);
            if (q != null) {
                out.add(Finding.of("decision " + d.decisionId() + ": " + q));
            }
        }
        for (Event e : h.events()) {
            String q = sealer.check(e);
            if (q != null) {
                out.add(new Finding(e.sequence(), e.id(), q));
            }
        }
    }

    /** The request an event records, with the chain head the event itself is. */
    private static StoredRequest request(Event e) throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) e.data().get("request").deepCopy();
        tree.put("eventSequence", e.sequence());
        tree.put("eventHash", e.hash());
        return Json.mapper().treeToValue(tree, StoredRequest.class);
    }

    /** The fields in which the request item differs from what the newest event records; null when none. */
    private static String differs(StoredRequest item, Event last) {
        ObjectNode have = Json.mapper().valueToTree(item);
        have.remove("seal");
        have.remove("eventSequence");
        have.remove("eventHash");
        JsonNode want = last.data().get("request");
        List<String> fields = new ArrayList<>();
        have.fieldNames().forEachRemaining(fields::add);
        want.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        List<String> differ = new ArrayList<>();
        for (String f : fields) {
            JsonNode a = have.get(f);
            JsonNode b = want.get(f);
            if (a == null || b == null || !EventChain.canonical(a).equals(EventChain.canonical(b))) {
                differ.add(f);
            }
        }
        return differ.isEmpty() ? null : String.join(", ", differ);
    }

    /** Every stored decision must be one an event announced, as announced. */
    private static void decisions(History h, Map<String, JsonNode> announced, Map<String, Event> by,
            List<Finding> out) {
        String id = h.request().id();
        for (Event e : h.events()) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            if (d != null && d.hasNonNull("decisionId") && !announced.containsKey(d.get("decisionId").asText())) {
                announced.put(d.get("decisionId").asText(), d);
                by.put(d.get("decisionId").asText(), e);
            }
        }
        for (ApprovalDecision d : h.decisions()) {
            ObjectNode stored = Json.mapper().valueToTree(d);
            stored.remove("seal");
            Event said = by.get(d.decisionId());
            if (said == null) {
                out.add(Finding.of("decision " + d.decisionId() + " was never announced by an event"));
            } else if (!EventChain.canonical(said.data().get("decision")).equals(EventChain.canonical(stored))) {
                out.add(new Finding(said.sequence(), said.id(), "decision " + d.decisionId() + " differs from the"
                        + " one this event announced"));
            }
        }
        if (announced.size() != h.decisions().size()) {
            out.add(Finding.of("events of request " + id + " announced " + announced.size() + " decisions but "
                    + h.decisions().size() + " are stored"));
        }
    }

    private void signatures(List<Event> events, StoredRequest created, JsonNode createdTree, boolean acceptsUnsigned,
            Map<String, JsonNode> signedGrants, Set<String> rejected, List<Finding> out) {
        Signatures check = new Signatures(keys, acceptsUnsigned, createdTree);
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            JsonNode data = e.data();
            JsonNode request = data.get("request");
            String problem = null;
            if (e.type() == EventType.REQUEST_CREATED) {
                problem = check.action(data.get("signing"), created.requester(), created.id(), "submit",
                        Statement.submission(request), e.time().toString(), "the request by " + created.requester());
            } else if (e.type() == EventType.REQUEST_CANCELLED) {
                problem = check.action(data.get("signing"), e.actor(), created.id(), "cancel",
                        Statement.subject(request), e.time().toString(), "the cancellation by " + e.actor());
            } else if (e.type() == EventType.AUDIT_NOTED) {
                problem = check.note(data.get("signing"), data.get("note"), e.actor(), created.id(),
                        Statement.subject(request), e.time().toString());
            } else if (e.type() == EventType.FOLLOWUP_DONE) {
                problem = check.followUp(data, e.actor(), created.id(), e.time().toString());
            }
            JsonNode d = data.get("decision");
            if (problem == null && d != null && d.hasNonNull("decisionId") && seen.add(d.get("decisionId").asText())) {
                Signatures.Checked c = check.decision(d, request);
                problem = c.problem();
                if (c.grant() != null) {
                    signedGrants.put(d.get("decisionId").asText(), c.grant());
                } else if (problem != null) {
                    rejected.add(d.get("decisionId").asText());
                }
            }
            if (problem != null) {
                out.add(new Finding(e.sequence(), e.id(), problem));
            }
        }
    }
}
