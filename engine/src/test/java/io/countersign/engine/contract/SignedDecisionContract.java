package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.store.History;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed decisions: the vault policy accepts a person's decision only with a signature that verifies
 * with their key in {@code keys/}; production accepts unsigned ones and marks them. The audit trail
 * re-checks every signature, so even a forger who rewrites a whole chain around an altered decision
 * is found at that decision's event.
 */
public abstract class SignedDecisionContract extends WorkflowContract {

    static final SigningKey ALICE = SigningKey.generate();
    static final SigningKey BOB = SigningKey.generate();
    static final SigningKey CAROL = SigningKey.generate();
    /** The requester: vault wants signed requests too. */
    static final SigningKey FRANK = SigningKey.generate();

    PublicKeys keys;

    @BeforeEach
    void open(@TempDir Path repo) throws Exception {
        // The keys as a policy repository holds them: one PEM file per user, read back from disk.
        Path dir = Files.createDirectories(repo.resolve("keys"));
        Files.writeString(dir.resolve("alice.pub"), ALICE.publicPem());
        Files.writeString(dir.resolve("bob.pub"), BOB.publicPem());
        Files.writeString(dir.resolve("carol.pub"), CAROL.publicPem());
        Files.writeString(dir.resolve("frank.pub"), FRANK.publicPem());
        keys = PublicKeys.load(dir);
        wf = new Workflow(TestPolicies.authorizer(), store, TestPolicies.directory(), keys, clock);
    }

    StoredRequest vault() {
        return submit(ask("frank", "vault-secrets").id(java.util.UUID.randomUUID().toString()).build());
    }

    /** frank's request, signed by frank. */
    StoredRequest submit(io.countersign.engine.request.AccessRequest a) {
        return wf.submit(a, FRANK.sign(wf.submission(a, clock.instant())));
    }

    Signature sign(SigningKey key, StoredRequest r, Action action, String actor, Terms terms) {
        return key.sign(wf.statement(r, actor, Acts.of(action, terms), clock.instant()));
    }

    StoredRequest approve(SigningKey key, StoredRequest r, String actor, Terms terms) {
        return wf.approve(r.id(), actor, terms, sign(key, r, Action.APPROVE, actor, terms));
    }

    /** A refusal that left the request, its decisions and its events as they were. */
    void refusedUnchanged(StoredRequest r, Runnable act, String says) {
        History before = wf.show(r.id());
        RefusedException e = assertThrows(RefusedException.class, act::run);
        assertTrue(e.getMessage().contains(says), e.getMessage());
        History after = wf.show(r.id());
        assertEquals(before.request(), after.request());
        assertEquals(before.events(), after.events());
        assertEquals(before.decisions(), after.decisions());
    }

    @Test
    void signedApprovalsApproveAndRecordWhatWasSigned() {
        StoredRequest r = vault();
        assertFalse(r.acceptsUnsigned());
        approve(ALICE, r, "alice", Terms.because("on the calendar"));
        StoredRequest done = approve(BOB, r, "bob", Terms.because("agreed"));
        assertEquals(RequestStatus.APPROVED, done.status());
        for (ApprovalDecision d : wf.show(r.id()).decisions()) {
            assertEquals(true, d.metadata().get("signed"), d.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> seal = (Map<String, Object>) d.metadata().get("signature");
            assertEquals("Ed25519", seal.get("algorithm"));
            String expected = (d.approver().equals("alice") ? ALICE : BOB).fingerprint();
            assertEquals(expected, seal.get("key"));
            assertTrue(((String) seal.get("statement")).contains("\"actor\":\"" + d.approver() + "\""));
        }
        assertEquals(List.of(), new AuditTrail(store, keys).verify(r.id()));
    }

    @Test
    void theSubjectSurvivesTheStoreForAStartInAnotherZone() {
        // alice signs the request as submission returned it, bob as read back from the store, the audit
        // reads it from an event: a start written with an offset, and open values, digest the same.
        StoredRequest r = submit(new io.countersign.engine.request.AccessRequest("subject-zone", "frank", null, null,
                "vault-secrets", List.of("read"), Duration.ofHours(1),
                java.time.OffsetDateTime.parse("2026-03-02T14:00:00+02:00"), "Rotate the root token", "CHG-7",
                Map.of("mfa", true, "score", 1.50), null));
        approve(ALICE, r, "alice", Terms.because("ok"));
        StoredRequest done = approve(BOB, wf.get(r.id()), "bob", Terms.because("ok"));
        assertEquals(RequestStatus.APPROVED, done.status());
        assertEquals(List.of(), new AuditTrail(store, keys).verify(r.id()));
    }

    @Test
    void anUnsignedDecisionIsRefusedWherePolicyRequiresSignatures() {
        StoredRequest r = vault();
        refusedUnchanged(r, () -> wf.approve(r.id(), "alice", Terms.because("ok")), "requires signed decisions");
        refusedUnchanged(r, () -> wf.deny(r.id(), Actor.of("alice"), "no"), "countersign keys init --as alice");
    }

    @Test
    void aDecisionSignedWithSomeoneElsesKeyIsRefused() {
        StoredRequest r = vault();
        // bob's decision, signed with carol's key: carol holds a key, but not bob's
        refusedUnchanged(r, () -> approve(CAROL, r, "bob", Terms.because("ok")), "does not verify with keys/bob.pub");
    }

    @Test
    void aSignatureOverOtherTermsIsRefused() {
        StoredRequest r = vault();
        Signature overShorter = sign(ALICE, r, Action.APPROVE, "alice",
                new Terms("ok", Duration.ofMinutes(30), List.of(), Map.of(), List.of()));
        refusedUnchanged(r, () -> wf.approve(r.id(), "alice", Terms.because("ok"), overShorter), "does not verify");
        Signature approval = sign(ALICE, r, Action.APPROVE, "alice", Terms.because("no"));
        refusedUnchanged(r, () -> wf.deny(r.id(), Actor.of("alice").signed(approval), "no"), "does not verify");
        StoredRequest other = vault();
        Signature forOther = sign(ALICE, other, Action.APPROVE, "alice", Terms.because("ok"));
        refusedUnchanged(r, () -> wf.approve(r.id(), "alice", Terms.because("ok"), forOther), "does not verify");
    }

    @Test
    void aStaleSignatureIsRefused() {
        StoredRequest r = vault();
        Signature s = sign(ALICE, r, Action.APPROVE, "alice", Terms.because("ok"));
        clock.advance(Workflow.SIGNATURE_SKEW.plusSeconds(1));
        refusedUnchanged(r, () -> wf.approve(r.id(), "alice", Terms.because("ok"), s), "sign the decision again");
    }

    @Test
    void someoneWithoutAPublicKeyCannotSign() {
        StoredRequest r = vault();
        SigningKey erins = SigningKey.generate();
        refusedUnchanged(r, () -> approve(erins, r, "erin", Terms.because("ok")), "no public key for erin");
    }

    @Test
    void everyKindOfPersonsDecisionIsSignedAndAudited() {
        StoredRequest r = vault();
        wf.delegate(r.id(), Actor.of("alice").signed(ALICE.sign(wf.statement(r, "alice", Act.delegate("bob"),
                clock.instant()))), "bob");
        refusedUnchanged(r, () -> wf.escalate(r.id(), Actor.of("frank"), "urgent"), "requires signed decisions");
        StoredRequest denied = wf.deny(r.id(), Actor.of("bob").signed(
                sign(BOB, r, Action.DENY, "bob", Terms.because("not now"))), "not now");
        assertEquals(RequestStatus.DENIED, denied.status());
        assertEquals(List.of(), new AuditTrail(store, keys).verify(r.id()));
    }

    @Test
    void whereThePolicyAllowsUnsignedDecisionsTheyAreMarked() {
        StoredRequest r = wf.submit(ask("frank", "prod-admin").build());
        assertTrue(r.acceptsUnsigned());
        wf.approve(r.id(), "alice", Terms.because("ok"));
        ApprovalDecision d = wf.show(r.id()).decisions().get(0);
        assertEquals(false, d.metadata().get("signed"));
        assertFalse(d.metadata().containsKey("signature"));
        assertEquals(List.of(), new AuditTrail(store, keys).verify(r.id()));
        // A signature that is present must verify, even where none is required.
        StoredRequest s = wf.submit(ask("frank", "prod-admin").build());
        refusedUnchanged(s, () -> approve(CAROL, s, "alice", Terms.because("ok")), "does not verify");
    }

    @Test
    void aRetiredKeyStillAuditsButSignsNothingNew(@TempDir Path repo) throws Exception {
        StoredRequest r = vault();
        approve(ALICE, r, "alice", Terms.because("ok"));
        Path dir = Files.createDirectories(repo.resolve("keys").resolve("retired"));
        Files.writeString(dir.resolve("alice.pub"), ALICE.publicPem());
        Files.writeString(repo.resolve("keys").resolve("bob.pub"), BOB.publicPem());
        Files.writeString(repo.resolve("keys").resolve("frank.pub"), FRANK.publicPem());
        PublicKeys rotated = PublicKeys.load(repo.resolve("keys"));
        assertEquals(List.of(), new AuditTrail(store, rotated).verify(r.id()));
        Workflow after = new Workflow(TestPolicies.authorizer(), store, TestPolicies.directory(), rotated, clock);
        StoredRequest s = vault();
        RefusedException e = assertThrows(RefusedException.class, () -> after.approve(s.id(), "alice",
                Terms.because("ok"), sign(ALICE, s, Action.APPROVE, "alice", Terms.because("ok"))));
        assertTrue(e.getMessage().contains("no public key for alice"), e.getMessage());
    }

    // ---- a forger with write access to the table -------------------------------------------------------

    @Test
    void anAlteredSignedDecisionFailsTheAuditAtItsEvenWhenTheChainIsRewritten() throws Exception {
        StoredRequest r = vault();
        approve(ALICE, r, "alice", Terms.because("on the calendar"));
        approve(BOB, r, "bob", Terms.because("agreed"));
        int at = forge(r.id(), "\"rationale\":\"agreed\"", "\"rationale\":\"agreed, and add prod-admin\"");
        // The chain alone cannot tell: the forger recomputed every hash after the change.
        assertEquals(List.of(), new AuditTrail(store).verify(r.id()));
        List<AuditTrail.Finding> f = new AuditTrail(store, keys).verify(r.id());
        assertEquals(1, f.size(), f.toString());
        assertEquals((long) at, f.get(0).sequence(), f.toString());
        assertTrue(f.get(0).problem().contains("does not say what bob signed: the rationale differs"), f.toString());
    }

    @Test
    void aForgedSignatureFailsTheAudit() throws Exception {
        StoredRequest r = vault();
        approve(ALICE, r, "alice", Terms.because("ok"));
        // Swap alice's signed statement for one naming another request content: the signature no longer covers it.
        int at = forge(r.id(), "\\\"actor\\\":\\\"alice\\\"", "\\\"actor\\\":\\\"alicf\\\"");
        List<AuditTrail.Finding> f = new AuditTrail(store, keys).verify(r.id());
        assertEquals((long) at, f.get(0).sequence(), f.toString());
        assertTrue(f.get(0).problem().contains("signature does not verify"), f.toString());
    }

    @Test
    void strippingTheSignatureFailsTheAuditWherePolicyRequiresOne() throws Exception {
        StoredRequest r = vault();
        approve(ALICE, r, "alice", Terms.because("ok"));
        int at = forgeDecision(r.id(), d -> {
            ObjectNode m = (ObjectNode) d.get("metadata");
            m.put("signed", false);
            m.remove("signature");
        });
        List<AuditTrail.Finding> f = new AuditTrail(store, keys).verify(r.id());
        assertEquals((long) at, f.get(0).sequence(), f.toString());
        assertTrue(f.get(0).problem().contains("unsigned, but the request's policy requires"), f.toString());
    }

    /** Replaces text in every event and decision of a request, then re-seals the chain; the first changed event. */
    private int forge(String id, String from, String to) throws Exception {
        return rewrite(id, json -> json.replace(from, to));
    }

    private int forgeDecision(String id, java.util.function.Consumer<ObjectNode> change) throws Exception {
        return rewrite(id, json -> {
            try {
                ObjectNode n = (ObjectNode) Json.mapper().readTree(json);
                if (n.has("decisionId")) {
                    change.accept(n);
                } else if (n.path("data").has("decision")) {
                    change.accept((ObjectNode) n.path("data").get("decision"));
                }
                return Json.mapper().writeValueAsString(n);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int rewrite(String id, java.util.function.UnaryOperator<String> change) {
        long first = new Forger(raw).rewrite(id, change);
        assertTrue(first > 0, "the forgery changed nothing");
        assertTrue(history(id).events().stream().anyMatch(e -> e.type() == EventType.DECISION_RECORDED));
        return (int) first;
    }
}
