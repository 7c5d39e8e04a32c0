package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's "done when": a lifecycle walked on the store finds every one of the seed's 31 properties of
 * ApprovalDecision filled where it has a meaning, and the decisions shaped like the seed's two examples
 * fill what those examples fill. Decisions are read as {@code show} and the API read them
 * ({@code Workflow.readout}): {@code notificationsSent} from the dispatcher's delivery record,
 * {@code auditNotes} from the auditors' notes.
 */
public abstract class EveryPropertyContract extends WorkflowContract {

    /** The seed's 31 properties, in its order. */
    static final List<String> SEED = List.of("decisionId", "requestId", "approver", "decision", "decisionDate",
            "rationale", "approvalLevel", "authoritySource", "conditions", "stipulations", "partialGrants",
            "riskAssessment", "complianceCheck", "precedentIds", "overrides", "escalationReason", "delegatedFrom",
            "reviewRequired", "reviewDate", "expiryDate", "autoRenewable", "comments", "confidenceLevel",
            "consultedParties", "evidenceProvided", "notificationsSent", "followUpActions", "isActive",
            "revocationReason", "auditNotes", "metadata");

    static final SigningKey ALICE = SigningKey.generate();
    static final SigningKey DAVE = SigningKey.generate();
    static final SigningKey FRANK = SigningKey.generate();
    static final SigningKey AUDRA = SigningKey.generate();

    Store sealed;
    final List<Event> delivered = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open(@TempDir Path repo) throws Exception {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        sealed = SealedStore.over(store, SealKeys.of("k1", Map.of("k1", secret)));
        Path dir = Files.createDirectories(repo.resolve("keys"));
        for (Map.Entry<String, SigningKey> k : Map.of("alice", ALICE, "dave", DAVE, "frank", FRANK, "audra", AUDRA)
                .entrySet()) {
            Files.writeString(dir.resolve(k.getKey() + ".pub"), k.getValue().publicPem());
        }
        wf = new Workflow(TestPolicies.authorizer(), sealed, TestPolicies.directory(), PublicKeys.load(dir), clock);
    }

    private Signature sign(SigningKey key, String id, String actor, Act act) {
        return key.sign(wf.statement(wf.get(id), actor, act, clock.instant()));
    }

    private StoredRequest signed(SigningKey key, String id, String actor, Act act) {
        return wf.act(id, Actor.of(actor).signed(sign(key, id, actor, act)), act);
    }

    @Test
    void aLifecycleFillsEverySeedPropertyAndTheExamplesShapes() {
        List<String> ids = new ArrayList<>();

        // A payment release, two stages, every action signed: the final decision is example 1's shape.
        AccessRequest pay = AccessRequest.builder().id(UUID.randomUUID().toString()).requester("frank")
                .profile("pay-release").duration(Duration.ofHours(6)).justification("Month-end payment run")
                .context(Map.of("batch", 5000)).build();
        StoredRequest release = wf.submit(pay, FRANK.sign(wf.submission(pay, clock.instant())));
        ids.add(release.id());
        clock.advance(Duration.ofMinutes(10));
        signed(ALICE, release.id(), "alice", Act.approve(DecisionRecordContract.ALICES));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(RequestStatus.APPROVED, signed(DAVE, release.id(), "dave",
                Act.approve(DecisionRecordContract.DAVES)).status());

        // Production data, granted in part by frank's manager.
        StoredRequest data = wf.submit(ask("frank", "prod-data").permissions("read", "list", "export").build());
        ids.add(data.id());
        wf.approve(data.id(), Actor.of("dave"), Terms.because("read is enough").withPermissions(List.of("read")));

        // A contractor's admin request denied by policy, appealed, the denial overridden at the hearing.
        StoredRequest appeal = wf.submit(ask("carol", "prod-admin").build());
        ids.add(appeal.id());
        wf.escalate(appeal.id(), Actor.of("carol"), "I cover for the DBA this week");
        wf.approve(appeal.id(), Actor.of("dave"), Terms.because("temporary cover, agreed"));

        // An admin request where one lead passes their place to security on-call.
        StoredRequest admin = adminRequest();
        ids.add(admin.id());
        wf.approve(admin.id(), Actor.of("alice"), Terms.because("on the change calendar"));
        wf.delegate(admin.id(), Actor.of("bob"), "grace");
        wf.approve(admin.id(), Actor.of("grace"), Terms.because("covering for bob"));

        // A person's denial at the first stage, with remarks: example 2's shape.
        StoredRequest denied = adminRequest();
        ids.add(denied.id());
        wf.deny(denied.id(), Actor.of("alice"), Terms.because("Use the reporting tools instead")
                .withComments("Happy to reconsider with a stronger business case")
                .withConfidenceLevel(new BigDecimal("0.9"))
                .withEvidenceProvided(List.of("MIN_PRIVILEGE_POLICY", "3 similar requests denied")));

        // The outbox goes out; an auditor annotates the release later; frank gives the release up.
        Notifier log = new Notifier() {
            @Override
            public String name() {
                return "webhook";
            }

            @Override
            public void deliver(Event event) {
                delivered.add(event);
            }
        };
        new Dispatcher(sealed, List.of(log), clock, Dispatcher.MAX_ATTEMPTS).drain(10);
        assertTrue(!delivered.isEmpty());
        clock.advance(Duration.ofMinutes(30));
        signed(AUDRA, release.id(), "audra", Act.note("Checked against the ledger export: sound"));
        signed(FRANK, release.id(), "frank", Act.revoke("run finished early"));

        // Every decision as read, across the lifecycle: which seed properties are filled.
        Set<String> filled = new TreeSet<>();
        for (String id : ids) {
            for (ApprovalDecision d : wf.readout(id).decisions()) {
                filled.addAll(filledProperties(d));
            }
        }
        Set<String> expected = new TreeSet<>(SEED);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(filled);
        assertEquals(Set.of(), missing, "seed properties no decision of the lifecycle fills");
        assertEquals(31, SEED.size());

        // The decisions shaped like the seed's examples fill what the examples fill.
        ApprovalDecision last = decisionOf(release.id(), "dave");
        assertEquals(DecisionKind.CONDITIONAL, last.decision());
        assertFills(last, "example-1.json");
        ApprovalDecision denial = decisionOf(denied.id(), "alice");
        assertEquals(DecisionKind.DENIED, denial.decision());
        assertFills(denial, "example-2.json");
        assertEquals(DecisionKind.REVOKED, decisionOf(release.id(), "frank").decision());
    }

    private ApprovalDecision decisionOf(String id, String approver) {
        return wf.readout(id).decisions().stream().filter(d -> approver.equals(d.approver())).findFirst()
                .orElseThrow(() -> new AssertionError("no decision by " + approver + " on " + id));
    }

    /** Every seed property the example fills (but those other branches fill) is filled in {@code d}. */
    private static void assertFills(ApprovalDecision d, String example) {
        Set<String> want = new TreeSet<>();
        for (Map.Entry<String, JsonNode> f : seed(example).properties()) {
            if (SEED.contains(f.getKey())) {
                want.add(f.getKey());
            }
        }
        want.removeAll(filledProperties(d));
        assertEquals(Set.of(), want, "properties " + example + " fills that decision " + d.decisionId() + " does not");
    }

    /** The seed properties {@code d} has a value for: present, and no empty text. */
    static Set<String> filledProperties(ApprovalDecision d) {
        Set<String> out = new TreeSet<>();
        JsonNode tree = Json.mapper().valueToTree(d);
        for (Map.Entry<String, JsonNode> f : tree.properties()) {
            JsonNode v = f.getValue();
            if (SEED.contains(f.getKey()) && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())
                    && !(v.isContainerNode() && v.isEmpty())) {
                out.add(f.getKey());
            }
        }
        return out;
    }

    private static JsonNode seed(String name) {
        try (var in = EveryPropertyContract.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new AssertionError("the test-jar lacks /seed/" + name);
            }
            return Json.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
