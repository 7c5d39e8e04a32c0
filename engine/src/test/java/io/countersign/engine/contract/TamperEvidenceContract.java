package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's tamperings, each done directly on the stored records: by someone with write access to the
 * table but not the service's seal key, and — to show that the checks beneath the seal hold too — by
 * an insider who also holds the key and re-chains and re-seals what they change. Each is found by the
 * audit (naming the request and what is wrong) and refused by the access check — on every store.
 */
public abstract class TamperEvidenceContract extends SealedWorkflowContract {

    static final SigningKey ALICE = SigningKey.generate();
    static final SigningKey BOB = SigningKey.generate();
    static final SigningKey CAROL = SigningKey.generate();
    static final SigningKey FRANK = SigningKey.generate();

    @Override
    Map<String, SigningKey> signers() {
        return Map.of("alice", ALICE, "bob", BOB, "carol", CAROL, "frank", FRANK);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** Without the seal key: what they write keeps the old seals. */
    Tamperer outsider() {
        return new Tamperer(raw, Sealer.NONE);
    }

    /** With the seal key: what they write is sealed like the service's own writes. */
    Tamperer insider() {
        return new Tamperer(raw, new Sealer(seals));
    }

    /** frank's signed request for a vault profile (two signed SRE-lead approvals, signatures required). */
    StoredRequest vault(String profile, Duration duration) {
        AccessRequest a = ask("frank", profile).id(UUID.randomUUID().toString()).duration(duration).build();
        return wf.submit(a, FRANK.sign(wf.submission(a, clock.instant())));
    }

    StoredRequest approve(SigningKey key, String id, String actor, Terms terms) {
        Signature s = key.sign(wf.statement(wf.get(id), actor, Act.approve(terms), clock.instant()));
        return wf.approve(id, actor, terms, s);
    }

    List<AuditTrail.Finding> audit(String id) {
        List<AuditTrail.Finding> all = new AuditTrail(sealed, keys, PolicyJudge.archive(policies)).verify(id);
        assertTrue(all.stream().allMatch(f -> f.requestId().equals(id)), all.toString());
        return all;
    }

    /** The audit finds something, and among what it says is each of {@code says}. */
    void found(String id, String... says) {
        List<AuditTrail.Finding> f = audit(id);
        assertFalse(f.isEmpty(), "the audit must find the tampering of " + id);
        String all = f.toString();
        for (String s : says) {
            assertTrue(all.contains(s), "expected '" + s + "' among: " + all);
        }
    }

    /** The gateway refuses, naming the request that does not verify. */
    void refusedAccess(String id, String profile, Instant at, String... says) {
        AccessAnswer a = wf.checkAccess("frank", profile, List.of(), at);
        assertEquals(AccessAnswer.Access.DENIED, a.access(), a.toString());
        assertTrue(a.reason().startsWith("request " + id + " does not verify: "), a.reason());
        for (String s : says) {
            assertTrue(a.reason().contains(s), "expected '" + s + "' in: " + a.reason());
        }
    }

    // ---- a pending request's item set to approved ---------------------------------------------------------

    /** The approved state someone writes into a pending request with one approval of two. */
    void approvedFor30Days(ObjectNode r) {
        r.put("status", "approved");
        r.remove("expiresAt");
        r.put("accessStart", clock.instant().toString());
        r.put("accessEnd", clock.instant().plus(Duration.ofDays(30)).toString());
    }

    StoredRequest oneOfTwo() {
        StoredRequest r = vault("vault-secrets", Duration.ofHours(1));
        approve(ALICE, r.id(), "alice", Terms.because("on the calendar"));
        assertEquals(AccessAnswer.Access.PENDING, wf.checkAccess("frank", "vault-secrets", List.of(),
                clock.instant()).access());
        assertEquals(List.of(), audit(r.id()), "intact before anyone touches it");
        return r;
    }

    @Test
    void aPendingRequestItemSetToApprovedWithoutTheKeyIsFoundRefusedAndNotActedOn() {
        StoredRequest r = oneOfTwo();
        outsider().editRequest(r.id(), this::approvedFor30Days);
        found(r.id(), "seal does not verify", "the request item differs from the request its newest event records"
                + " (status, accessStart, accessEnd, expiresAt)");
        refusedAccess(r.id(), "vault-secrets", clock.instant().plus(Duration.ofDays(10)), "seal does not verify");
        RefusedException e = assertThrows(RefusedException.class,
                () -> approve(BOB, r.id(), "bob", Terms.because("ok")));
        assertTrue(e.getMessage().contains("does not verify, so nothing acts on it"), e.getMessage());
        assertTrue(wf.sweep().unverified().containsKey(r.id()), "the sweep leaves it and says so");
    }

    @Test
    void aPendingRequestItemSetToApprovedAndResealedDiffersFromItsChain() {
        StoredRequest r = oneOfTwo();
        insider().editRequest(r.id(), this::approvedFor30Days);
        List<AuditTrail.Finding> f = audit(r.id());
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).problem().startsWith("the request item differs from the request its newest event records"),
                f.toString());
        refusedAccess(r.id(), "vault-secrets", clock.instant(), "the request item differs");
    }

    @Test
    void aPendingRequestRewrittenAsApprovedWithItsWholeChainHasNoApprovalThatApprovesIt() {
        StoredRequest r = oneOfTwo();
        insider().rewrite(r.id(), e -> {
            if (e.get("sequence").asLong() > 1) {
                approvedFor30Days((ObjectNode) e.path("data").get("request"));
            }
        });
        found(r.id(), "neither policy nor its approvals approved it: stage 1 has 1 of 2");
        refusedAccess(r.id(), "vault-secrets", clock.instant(), "neither policy nor its approvals approved it");
    }

    // ---- an approved grant's end moved and its conditions removed -------------------------------------

    StoredRequest approvedGrant() {
        // production accepts unsigned decisions: its grant carries a condition and a 7-day review
        StoredRequest r = wf.submit(ask("frank", "prod-admin").duration(Duration.ofHours(2)).build());
        wf.approve(r.id(), "alice", Terms.because("on the calendar"));
        StoredRequest done = wf.approve(r.id(), "bob", Terms.because("agreed"));
        assertEquals(RequestStatus.APPROVED, done.status());
        assertFalse(done.grant().conditions().isEmpty());
        assertEquals(List.of(), audit(r.id()));
        return done;
    }

    void widened(ObjectNode request) {
        ObjectNode grant = (ObjectNode) request.get("grant");
        grant.putObject("conditions");
        if (request.hasNonNull("accessEnd")) {
            request.put("accessEnd", Instant.parse(request.get("accessEnd").asText()).plus(Duration.ofDays(30))
                    .toString());
        }
    }

    @Test
    void anApprovedGrantsEndMovedAndConditionsRemovedInTheItemAloneIsFound() {
        StoredRequest r = approvedGrant();
        outsider().editRequest(r.id(), this::widened);
        found(r.id(), "seal does not verify", "(grant, accessEnd)");
        refusedAccess(r.id(), "prod-admin", clock.instant().plus(Duration.ofDays(10)), "seal does not verify");
    }

    @Test
    void anItemEditedAfterTheGatewayFoundItsRecordIntactIsRefusedAllTheSame() {
        StoredRequest r = approvedGrant();
        assertEquals(AccessAnswer.Access.ALLOWED, wf.checkAccess("frank", "prod-admin", List.of(), clock.instant())
                .access(), "the gateway finds the record intact first, and remembers it");
        outsider().editRequest(r.id(), this::widened);
        refusedAccess(r.id(), "prod-admin", clock.instant().plus(Duration.ofDays(10)), "seal does not verify");
    }

    @Test
    void anApprovedGrantsEndMovedAndConditionsRemovedThroughoutIsFoundByPolicyAndByItsWindow() {
        StoredRequest r = approvedGrant();
        insider().rewrite(r.id(), e -> widened((ObjectNode) e.path("data").get("request")));
        found(r.id(), "its grant is", "where the policy set gives", "later than its start plus the granted PT2H");
        refusedAccess(r.id(), "prod-admin", clock.instant().plus(Duration.ofDays(10)));
    }

    // ---- a signed approval widened, the chain rewritten --------------------------------------------------

    @Test
    void aSignedOneHourApprovalWidenedWithTheChainRewrittenIsWiderThanWhatWasSigned() {
        StoredRequest r = vault("vault-secrets", Duration.ofHours(2));
        approve(ALICE, r.id(), "alice", new Terms("one hour, with bob", Duration.ofHours(1), List.of(),
                Map.of("ticket_required", true), List.of("Pair with bob")));
        StoredRequest done = approve(BOB, r.id(), "bob", Terms.because("agreed"));
        assertEquals(RequestStatus.APPROVED, done.status());
        assertEquals(Duration.ofHours(1), done.grant().duration());
        assertEquals(List.of(), audit(r.id()));
        insider().rewrite(r.id(), e -> {
            ObjectNode req = (ObjectNode) e.path("data").get("request");
            ObjectNode grant = (ObjectNode) req.get("grant");
            grant.put("duration", "PT720H");
            grant.putObject("conditions");
            grant.putArray("stipulations");
            if (req.hasNonNull("accessStart")) {
                req.put("accessEnd", Instant.parse(req.get("accessStart").asText()).plus(Duration.ofDays(30)).toString());
            }
        });
        found(r.id(), "does not say what alice signed: the grant recorded with the approval is not the one signed",
                "the grant in force is wider than what alice signed", "duration PT720H where PT1H was the most",
                "stipulation 'Pair with bob' dropped", "condition ticket_required dropped");
        refusedAccess(r.id(), "vault-secrets", clock.instant().plus(Duration.ofHours(3)), "alice");
    }

    // ---- a forged unsigned approval, acceptsUnsigned flipped ------------------------------------------------

    @Test
    void aForgedUnsignedApprovalMadeAcceptableByFlippingAcceptsUnsignedIsFound() {
        StoredRequest r = vault("vault-secrets", Duration.ofHours(1));
        approve(ALICE, r.id(), "alice", Terms.because("ok"));
        approve(BOB, r.id(), "bob", Terms.because("ok"));
        assertEquals(List.of(), audit(r.id()));
        insider().rewrite(r.id(), e -> {
            ((ObjectNode) e.path("data").get("request")).put("acceptsUnsigned", true);
            ObjectNode d = (ObjectNode) e.path("data").get("decision");
            if (d != null && d.path("approver").asText().equals("bob")) {
                ObjectNode m = (ObjectNode) d.get("metadata");
                m.put("signed", false);
                m.remove("signature");
            }
        });
        found(r.id(), "by bob is unsigned, but the request's policy requires signed decisions",
                "signed where unsigned actions were not accepted, recorded the other way",
                "its acceptsUnsigned is true where the policy set gives false");
        refusedAccess(r.id(), "vault-secrets", clock.instant());
    }

    // ---- a grant invented as policy's, with a self-consistent chain ----------------------------------------

    @Test
    void aGrantInventedAsPolicysWithASelfConsistentChainIsFoundByThePolicySet() throws Exception {
        // An insider's own workflow on the same table, with the service's key and a policy of their own.
        PolicySet forgedSet = PolicySet.of(List.of(new SourceFile("vault.policy", """
                policy vault {
                  scope profile matches "vault-*"
                  default approve
                  allow unsigned decisions
                }
                """)));
        Workflow forged = new Workflow(Authorizer.of(forgedSet), sealed, TestPolicies.directory(), PublicKeys.NONE,
                clock);
        StoredRequest unknownSet = forged.submit(ask("frank", "vault-a").duration(Duration.ofDays(30)).build());
        StoredRequest claimed = forged.submit(ask("frank", "vault-b").duration(Duration.ofDays(30)).build());
        assertEquals(RequestStatus.APPROVED, unknownSet.status());
        // The second claims the real policy set's digest throughout, re-chained and re-sealed.
        String real = TestPolicies.policySet().digest();
        insider().rewrite(claimed.id(), e -> {
            ((ObjectNode) e.path("data").get("request")).put("policyVersion", real);
            ObjectNode d = (ObjectNode) e.path("data").get("decision");
            if (d != null) {
                ((ObjectNode) d.get("metadata")).put("policyVersion", real);
            }
        });
        found(unknownSet.id(), "policy decided it with policy set " + forgedSet.digest() + ", which "
                + TestPolicies.dir() + " (its current files");
        found(claimed.id(), "is \"approved\" where the policy set gives \"pending\"");
        Instant later = clock.instant().plus(Duration.ofDays(3));
        refusedAccess(unknownSet.id(), "vault-a", later, "the request by frank is unsigned, but the request's policy"
                + " requires signed requests");
        refusedAccess(claimed.id(), "vault-b", later);
    }

    // ---- cancelling and requesting as someone else ---------------------------------------------------------

    @Test
    void cancellingOrRequestingAsSomeoneElseIsRefusedAndAForgedCancellationIsFound() {
        StoredRequest r = vault("vault-secrets", Duration.ofHours(1));
        RefusedException unsigned = assertThrows(RefusedException.class, () -> wf.cancel(r.id(), "frank"));
        assertTrue(unsigned.getMessage().contains("requires signed cancellations"), unsigned.getMessage());
        Signature carolsForFrank = CAROL.sign(wf.statement(r, "frank", Act.cancel(),
                clock.instant()));
        RefusedException mis = assertThrows(RefusedException.class, () -> wf.cancel(r.id(), "frank", carolsForFrank));
        assertTrue(mis.getMessage().contains("does not verify with keys/frank.pub"), mis.getMessage());
        AccessRequest asFrank = ask("frank", "vault-secrets").id(UUID.randomUUID().toString()).build();
        RefusedException request = assertThrows(RefusedException.class,
                () -> wf.submit(asFrank, CAROL.sign(wf.submission(asFrank, clock.instant()))));
        assertTrue(request.getMessage().contains("does not verify with keys/frank.pub"), request.getMessage());
        RefusedException bare = assertThrows(RefusedException.class, () -> wf.submit(ask("frank",
                "vault-secrets").build()));
        assertTrue(bare.getMessage().contains("requires signed requests"), bare.getMessage());
        Signature franks = FRANK.sign(wf.statement(r, "frank", Act.cancel(), clock.instant()));
        assertEquals(RequestStatus.CANCELLED, wf.cancel(r.id(), "frank", franks).status());
        assertEquals(List.of(), audit(r.id()), "frank's own, signed cancellation verifies");

        StoredRequest other = vault("vault-secrets", Duration.ofHours(1));
        insider().appendEvent(other.id(), EventType.REQUEST_CANCELLED, "frank", clock.instant(), req -> {
            req.put("status", "cancelled");
            req.remove("expiresAt");
        }, Json.mapper().createObjectNode().put("signed", false));
        found(other.id(), "the cancellation by frank is unsigned, but the request's policy requires signed"
                + " cancellations");
        StoredRequest third = vault("vault-secrets", Duration.ofHours(1));
        insider().appendEvent(third.id(), EventType.REQUEST_CANCELLED, "carol", clock.instant(), req -> {
            req.put("status", "cancelled");
            req.remove("expiresAt");
        }, Json.mapper().createObjectNode().put("signed", false));
        found(third.id(), "request.cancelled by carol: only the requester (frank) asks and cancels");
    }

    // ---- precedents: found by the service, sealed and chained with the record --------------------------------

    @Test
    void precedentsChangedOnARequestAreFoundWithOrWithoutTheKey() {
        StoredRequest prior = approvedGrant();
        StoredRequest n = wf.submit(ask("frank", "prod-admin").build());
        assertEquals(prior.id(), n.precedents().get(0).requestId());
        assertEquals(List.of(), audit(n.id()));
        // A friendlier history for the approver: the earlier approval's reason rewritten.
        outsider().editRequest(n.id(), r -> ((ObjectNode) r.get("precedents").get(0)).put("rationale", "always fine"));
        found(n.id(), "seal does not verify");
        insider().editRequest(n.id(), r -> ((ObjectNode) r.get("precedents").get(0)).put("rationale", "always fine"));
        found(n.id(), "the request item differs from the request its newest event records");
    }

    @Test
    void aDecisionsPrecedentIdsChangedIsFound() {
        approvedGrant();
        StoredRequest n = wf.submit(ask("frank", "prod-admin").build());
        wf.approve(n.id(), "alice", Terms.because("as before"));
        ObjectNode d = raw.decisions(n.id()).get(0);
        assertTrue(d.path("precedentIds").isTextual(), d.toString());
        d.put("precedentIds", "[]");
        raw.writeDecision(n.id(), d);
        found(n.id(), "seal does not verify");
    }

    @Test
    void aRequestForgedIntoADenialIsNoPrecedent() {
        StoredRequest pending = wf.submit(ask("frank", "prod-admin").build());
        clock.advance(Duration.ofMinutes(1));
        outsider().editRequest(pending.id(), r -> r.put("status", "denied"));
        StoredRequest n = wf.submit(ask("frank", "prod-admin").build());
        assertEquals(null, n.precedents(), "a record whose seal fails is not shown to an approver as a precedent");
    }

    @Test
    void aPrecedentEditedAfterItWasFoundIsCheckedAgain() {
        StoredRequest prior = approvedGrant();
        assertEquals(prior.id(), wf.submit(ask("frank", "prod-admin").build()).precedents().get(0).requestId(),
                "found, and remembered with the request it was read for");
        clock.advance(Duration.ofMinutes(1));
        // Someone without the key turns the approval into a denial: the row reads back different.
        outsider().editRequest(prior.id(), r -> r.put("status", "denied"));
        StoredRequest n = wf.submit(ask("frank", "prod-admin").build());
        assertEquals(null, n.precedents(), "the edited record is read and checked afresh, and its seal fails");
    }

    // ---- the seal itself ---------------------------------------------------------------------------------

    @Test
    void aForgedEventInTheOutboxIsNeverDeliveredAndBecomesADeadLetterSayingWhy() {
        StoredRequest r = vault("vault-secrets", Duration.ofHours(1));
        long owed = sealed.outbox(100).stream().filter(e -> e.event().requestId().equals(r.id())).count();
        assertEquals(1, owed, "request.created waits for a notifier");
        // Someone without the key rewrites the waiting event: the notifier would sign it for the receiver.
        outsider().rewrite(r.id(), e -> e.put("actor", "alice"));
        assertEquals(0, sealed.outbox(100).stream().filter(e -> e.event().requestId().equals(r.id())).count(),
                "the forged event is not handed to a notifier");
        assertTrue(sealed.deadLetters(100).stream().anyMatch(d -> d.event().requestId().equals(r.id())
                && d.lastError().contains("seal does not verify")), "it is a dead letter that says why");
    }

    @Test
    void recordsSealedBeforeAKeyRotationStillVerifyAndNewOnesUseTheNewKey() throws Exception {
        // The home's key file rotated between two writes of one request: the new key seals, the old one is
        // still read.
        Path home = Files.createTempDirectory("seal-home");
        SealKeys before = SealKeys.fromHome(home);
        Workflow w1 = new Workflow(TestPolicies.authorizer(), SealedStore.over(store, before),
                TestPolicies.directory(), keys, clock);
        AccessRequest a = ask("frank", "vault-data").id(UUID.randomUUID().toString()).build();
        String id = w1.submit(a, FRANK.sign(w1.submission(a, clock.instant()))).id();
        SealKeys after = SealKeys.rotate(home);
        Store rotated = SealedStore.over(store, after);
        Workflow w2 = new Workflow(TestPolicies.authorizer(), rotated, TestPolicies.directory(), keys, clock);
        Signature s = ALICE.sign(w2.statement(w2.get(id), "alice", Act.approve(Terms.because("ok")),
                clock.instant()));
        w2.approve(id, "alice", Terms.because("ok"), s);
        assertEquals(List.of(), new AuditTrail(rotated, keys, PolicyJudge.archive(policies)).verify(id));
        assertTrue(store.get(id).orElseThrow().seal().contains(":" + after.current() + ":"));
        assertFalse(new AuditTrail(sealed, keys).verify(id).isEmpty(), "another service's key verifies nothing");
    }
}
