package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.readout.Readout;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.History;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Refusal;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Auditors' notes (issue 20): a note on a decision, made later, is a signed event chained after the
 * request's last that changes nothing and edits no decision; the decision's {@code auditNotes} is read
 * from it. Only auditors who took no part may annotate. A note changed, moved, forged or made to change
 * the request is found by the audit — by someone without the seal key and by an insider who re-chains
 * and re-seals. On every store.
 */
public abstract class AuditNoteContract extends SealedWorkflowContract {

    static final SigningKey ALICE = SigningKey.generate();
    static final SigningKey DAVE = SigningKey.generate();
    static final SigningKey FRANK = SigningKey.generate();
    static final SigningKey AUDRA = SigningKey.generate();

    @Override
    Map<String, SigningKey> signers() {
        return Map.of("alice", ALICE, "dave", DAVE, "frank", FRANK, "audra", AUDRA);
    }

    /** frank's payment release, approved by alice and then dave, every action signed. */
    StoredRequest approvedRelease() {
        AccessRequest a = AccessRequest.builder().id(UUID.randomUUID().toString()).requester("frank")
                .profile("pay-release").duration(Duration.ofHours(2)).justification("Month-end payment run")
                .ticket("PAY-9").build();
        StoredRequest r = wf.submit(a, FRANK.sign(wf.submission(a, clock.instant())));
        clock.advance(Duration.ofMinutes(5));
        approve(ALICE, r.id(), "alice");
        clock.advance(Duration.ofMinutes(5));
        return approve(DAVE, r.id(), "dave");
    }

    private StoredRequest approve(SigningKey key, String id, String actor) {
        Terms t = Terms.because("ok");
        return wf.approve(id, actor, t, key.sign(wf.statement(wf.get(id), actor, Act.approve(t),
                clock.instant())));
    }

    /** audra's signed note on {@code decisionId} (null: the newest decision). */
    StoredRequest note(String id, String decisionId, String text) {
        Act note = Act.note(decisionId, text);
        Signature s = AUDRA.sign(wf.statement(wf.get(id), "audra", note, clock.instant()));
        return wf.act(id, Actor.of("audra").signed(s), note);
    }

    List<AuditTrail.Finding> audit(String id) {
        return new AuditTrail(sealed, keys, PolicyJudge.archive(policies)).verify(id);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void anAuditorsNoteIsAChainedSignedEventThatChangesNothingAndIsReadIntoTheDecision() {
        StoredRequest r = approvedRelease();
        History before = wf.show(r.id());
        ApprovalDecision alices = before.decisions().stream().filter(d -> d.approver().equals("alice")).findFirst()
                .orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        StoredRequest noted = note(r.id(), alices.decisionId(), "Checked against the ledger: approval was sound");
        note(r.id(), null, "Second approver confirmed by phone");

        // The request changed only by its version; no decision was edited or added.
        History after = wf.show(r.id());
        assertEquals(before.request().version() + 1, noted.version());
        assertEquals(RequestStatus.APPROVED, after.request().status());
        assertEquals(before.request().accessEnd(), after.request().accessEnd());
        assertEquals(before.request().updatedAt(), after.request().updatedAt());
        assertEquals(before.decisions(), after.decisions());
        assertEquals(List.of(EventType.AUDIT_NOTED, EventType.AUDIT_NOTED), after.events()
                .subList(before.events().size(), after.events().size()).stream().map(e -> e.type()).toList());
        assertChainIntact(r.id());

        // auditNotes is read from the notes, each on the decision it names.
        Readout read = wf.readout(r.id());
        ApprovalDecision a = read.decisions().stream().filter(d -> d.approver().equals("alice")).findFirst().orElseThrow();
        ApprovalDecision d = read.decisions().stream().filter(x -> x.approver().equals("dave")).findFirst().orElseThrow();
        JsonNode notes = json(a.auditNotes());
        assertEquals(1, notes.size(), notes.toString());
        assertEquals("audra", notes.get(0).path("author").asText());
        assertEquals("Checked against the ledger: approval was sound", notes.get(0).path("text").asText());
        assertEquals(clock.instant().toString(), notes.get(0).path("at").asText());
        assertTrue(notes.get(0).path("signed").asBoolean());
        assertEquals("Second approver confirmed by phone", json(d.auditNotes()).get(0).path("text").asText());
        assertNull(read.history().decisions().get(0).auditNotes(), "the stored decisions carry no notes");

        // The whole record still verifies, and the gateway still allows the grant.
        assertEquals(List.of(), audit(r.id()));
        AccessAnswer allowed = wf.checkAccess("frank", "pay-release", List.of(), clock.instant());
        assertTrue(allowed.allowed(), allowed.toString());
        // ... and the next action on the request builds on the note's head.
        wf.revoke(r.id(), Actor.of("frank").signed(FRANK.sign(wf.statement(wf.get(r.id()), "frank",
                Act.revoke("done early"), clock.instant()))), "done early");
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void onlyAuditorsWhoTookNoPartMayAnnotateAndANoteNeedsADecisionAndASignature() {
        StoredRequest r = approvedRelease();
        assertEquals(Refusal.NOT_ELIGIBLE, assertRefused(r.id(), "only members of the directory's group 'auditors'",
                () -> wf.note(r.id(), Actor.of("alice"), null, "fine")).reason());
        assertEquals(Refusal.NOT_ELIGIBLE, assertRefused(r.id(), "may not annotate",
                () -> wf.note(r.id(), Actor.of("mallory"), null, "fine")).reason());
        // Signatures are required where the request's policy requires them.
        assertEquals(Refusal.SIGNATURE_REQUIRED, assertRefused(r.id(), "requires signed audit notes",
                () -> wf.note(r.id(), Actor.of("audra"), null, "fine")).reason());
        // A signature over another text, or another decision, does not verify.
        Signature other = AUDRA.sign(wf.statement(wf.get(r.id()), "audra", Act.note("something else"), clock.instant()));
        assertEquals(Refusal.SIGNATURE_INVALID, assertRefused(r.id(), "does not verify",
                () -> wf.note(r.id(), Actor.of("audra").signed(other), null, "fine")).reason());
        String first = wf.show(r.id()).decisions().get(0).decisionId();
        Signature newest = AUDRA.sign(wf.statement(wf.get(r.id()), "audra", Act.note("fine"), clock.instant()));
        assertRefused(r.id(), "does not verify", () -> wf.note(r.id(), Actor.of("audra").signed(newest), first, "fine"));
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                () -> wf.note(r.id(), Actor.of("audra"), "no-such-decision", "fine"));
        assertEquals("decision", unknown.field());
        assertThrows(InvalidRequestException.class, () -> Act.note(" "));

        // An auditor who decided on the request may not annotate it (erin is an SRE lead and an auditor).
        StoredRequest admin = adminRequest();
        assertEquals(Refusal.WRONG_STATE, assertRefused(admin.id(), "no decision to annotate",
                () -> wf.note(admin.id(), Actor.of("audra"), null, "early")).reason());
        wf.approve(admin.id(), "erin", Terms.because("on the calendar"));
        assertEquals(Refusal.ALREADY_DECIDED, assertRefused(admin.id(), "took no part",
                () -> wf.note(admin.id(), Actor.of("erin"), null, "looks fine")).reason());
        // The production policy accepts unsigned actions: audra's unsigned note is recorded as unsigned.
        wf.note(admin.id(), Actor.of("audra"), null, "single approval so far");
        assertTrue(wf.readout(admin.id()).decisions().get(0).auditNotes().contains("\"signed\":false"));
        assertEquals(List.of(), audit(admin.id()));
    }

    @Test
    void aNoteRewordedOrMovedUnderARewrittenChainIsFoundByItsSignature() {
        StoredRequest r = approvedRelease();
        note(r.id(), null, "Approval was sound");
        assertEquals(List.of(), audit(r.id()));
        Tamperer insider = new Tamperer(raw, new Sealer(seals));
        insider.rewrite(r.id(), e -> {
            if (e.path("data").get("note") instanceof ObjectNode n) {
                n.put("text", "Approval was never reviewed");
            }
        });
        String found = audit(r.id()).toString();
        assertTrue(found.contains("the audit note by audra does not say what audra signed: the text differs"), found);
        assertRefusedAsUnverified(r.id());

        StoredRequest s = approvedRelease();
        note(s.id(), null, "Approval was sound");
        String sFirst = wf.show(s.id()).decisions().get(0).decisionId();
        insider.rewrite(s.id(), e -> {
            if (e.path("data").get("note") instanceof ObjectNode n) {
                n.put("decisionId", sFirst);
            }
        });
        found = audit(s.id()).toString();
        assertTrue(found.contains("the audit note by audra does not say what audra signed: signed for decision"),
                found);
    }

    @Test
    void aNoteEditedWithoutTheSealKeyIsFound() {
        StoredRequest r = approvedRelease();
        note(r.id(), null, "Approval was sound");
        new Tamperer(raw, Sealer.NONE).rewrite(r.id(), e -> {
            if (e.path("data").get("note") instanceof ObjectNode n) {
                n.put("text", "Approval was never reviewed");
            }
        });
        List<AuditTrail.Finding> found = audit(r.id());
        assertTrue(found.toString().contains("seal"), found.toString());
    }

    @Test
    void aForgedNoteIsFoundWhetherUnsignedByANonAuditorOrChangingTheRequest() {
        Tamperer insider = new Tamperer(raw, new Sealer(seals));
        // Unsigned where the policy requires signatures.
        StoredRequest r = approvedRelease();
        String decision = wf.show(r.id()).decisions().get(1).decisionId();
        insider.appendEvent(r.id(), EventType.AUDIT_NOTED, "audra", clock.instant(), req -> { },
                Json.mapper().valueToTree(Map.of("signed", false)));
        addNote(r.id(), "audra", decision);
        String found = audit(r.id()).toString();
        assertTrue(found.contains("the audit note by audra is unsigned, but the request's policy requires signed"
                + " audit notes"), found);

        // By someone the directory does not put among the auditors, where unsigned actions are accepted.
        StoredRequest a = approvedAdmin();
        String d = wf.show(a.id()).decisions().get(0).decisionId();
        insider.appendEvent(a.id(), EventType.AUDIT_NOTED, "grace", clock.instant(), req -> { },
                Json.mapper().valueToTree(Map.of("signed", false, "directoryVersion",
                        TestPolicies.directory().digest())));
        addNote(a.id(), "grace", d);
        found = audit(a.id()).toString();
        assertTrue(found.contains("the audit note by grace rests on no authority"), found);

        // A "note" that ends a grant: the request changed under an event that may change nothing.
        StoredRequest b = approvedAdmin();
        String bd = wf.show(b.id()).decisions().get(0).decisionId();
        insider.appendEvent(b.id(), EventType.AUDIT_NOTED, "audra", clock.instant(),
                req -> req.put("status", "revoked"), Json.mapper().valueToTree(Map.of("signed", false,
                        "directoryVersion", TestPolicies.directory().digest())));
        addNote(b.id(), "audra", bd);
        found = audit(b.id()).toString();
        assertTrue(found.contains("changed the request"), found);
    }

    /** Gives the newest (forged) event a note by {@code author} on {@code decisionId}, re-chained and re-sealed. */
    private void addNote(String id, String author, String decisionId) {
        long last = raw.events(id).lastKey();
        new Tamperer(raw, new Sealer(seals)).rewrite(id, e -> {
            if (e.path("sequence").asLong() == last) {
                ObjectNode n = ((ObjectNode) e.path("data")).putObject("note");
                n.put("decisionId", decisionId);
                n.put("author", author);
                n.put("authoritySource", "group:auditors");
                n.put("text", "forged");
            }
        });
    }

    private void assertRefusedAsUnverified(String id) {
        RefusedException e = assertThrows(RefusedException.class, () -> wf.get(id));
        assertEquals(Refusal.UNVERIFIED, e.reason());
    }
}
