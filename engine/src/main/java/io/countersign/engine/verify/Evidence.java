package io.countersign.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.PublicKeys;
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
 * names; every item carries the service's seal ({@link Seals}); the request item is the state the
 * newest event records ({@link RecordedRequest}); every stored decision is the one an event announced
 * ({@link Announcements}); every person's action carries a signature over what the record says it did,
 * or is unsigned where the policy accepts that ({@link SignedActions}); the state follows from those
 * actions and policy's decision and is nothing wider ({@link Grounds}); and policy's decision is the one
 * the policy set with its digest gives ({@link PolicyJudge}). Work proportional to the request's own
 * history, nothing else.
 */
public final class Evidence {

    private final PublicKeys keys;
    private final Sealer sealer;
    private final PolicyJudge judge;
    /** Records found intact: null when every check is made in full (the audit). */
    private final IntactRecords intact;

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
        this.intact = remember ? new IntactRecords() : null;
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
     * {@link #check(History)} of the record a store holds as request {@code id}: a store's key is not
     * sealed, so a record copied or moved under another request's key is intact as itself, and must be
     * found not to be that request.
     */
    public Verdict check(String id, History h) {
        if (!h.request().id().equals(id)) {
            return new Verdict(null, List.of(Finding.of("the record stored as request " + id + " is request "
                    + h.request().id() + "'s: it was copied or moved outside the workflow")));
        }
        return check(h);
    }

    public Verdict check(History h) {
        Intact known = intact == null ? null : intact.known(h);
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
        Seals.check(sealer, h, out);
        StoredRequest state;
        List<StoredRequest> states = new ArrayList<>();
        try {
            for (Event e : events) {
                states.add(RecordedRequest.of(e));
            }
            state = states.get(states.size() - 1);
        } catch (JsonProcessingException | RuntimeException e) {
            out.add(Finding.of("an event's request cannot be read: " + e.getMessage()));
            return new Verdict(null, out);
        }
        String differs = RecordedRequest.differs(r, last);
        if (differs != null) {
            out.add(new Finding(last.sequence(), last.id(), "the request item differs from the request its newest"
                    + " event records (" + differs + "): it was changed outside the workflow"));
        }
        Map<String, JsonNode> announced = new LinkedHashMap<>();
        Map<String, Event> announcedBy = new HashMap<>();
        Announcements.check(h, announced, announcedBy, out);
        StoredRequest created = states.get(0);
        JsonNode createdTree = events.get(0).data().get("request");
        Boolean policyAccepts = judge.acceptsUnsigned(created);
        Map<String, JsonNode> signedGrants = new HashMap<>();
        Set<String> rejected = new HashSet<>();
        if (keys != null) {
            SignedActions.check(keys, events, created, createdTree,
                    policyAccepts != null ? policyAccepts : created.acceptsUnsigned(), signedGrants, rejected, out);
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
            intact.remember(checked);
        }
        judge(checked, decided, out);
        return new Verdict(state, out);
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
}
