package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Countersign;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.event.EventType;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Refusal;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's facade over a real store: the lifecycle through {@link Countersign} alone, and every
 * refusal carrying its stable {@link Refusal} code besides the message.
 */
public abstract class FacadeContract extends WorkflowContract {

    private Countersign cs;

    @BeforeEach
    void buildFacade() {
        cs = Countersign.builder()
                .policies(new PolicyDirectory(TestPolicies.policySet(), TestPolicies.directory(), PublicKeys.NONE))
                .store(store).clock(clock).mode(Countersign.Mode.REFERENCE).build();
    }

    @AfterEach
    void closeFacade() {
        cs.close();
    }

    private static AccessRequest admin(String requester) {
        return AccessRequest.builder().requester(requester).profile("prod-admin").duration(Duration.ofHours(2))
                .ticket("CHG-1").justification("rotate the credentials").build();
    }

    private Refusal refused(Runnable action) {
        return assertThrows(RefusedException.class, action::run).reason();
    }

    @Test
    void aRequestGoesFromSubmissionToGrantThroughTheFacadeAlone() {
        StoredRequest r = cs.submit(admin("frank"));
        assertEquals(RequestStatus.PENDING, r.status());
        assertTrue(cs.list(cs.inbox("alice"), 10).items().stream().anyMatch(x -> x.id().equals(r.id())));
        assertEquals(AccessAnswer.Access.PENDING, cs.checkAccess(AccessQuestion.of("frank", "prod-admin")).access());

        cs.approve(r.id(), Actor.of("alice"), Terms.because("on the calendar"));
        StoredRequest approved = cs.approve(r.id(), Actor.of("bob"), Terms.because("agreed")
                .withDuration(Duration.ofHours(1)).withStipulations(List.of("pair with alice")));
        assertEquals(RequestStatus.APPROVED, approved.status());
        assertEquals(Duration.ofHours(1), approved.grant().duration());

        AccessAnswer a = cs.checkAccess(AccessQuestion.of("frank", "prod-admin"));
        assertTrue(a.allowed(), a.reason());
        assertEquals(r.id(), a.requestId());
        assertTrue(cs.verify(cs.history(r.id())).intact());

        cs.revoke(r.id(), Actor.of("alice"), "done");
        assertEquals(AccessAnswer.Access.DENIED, cs.checkAccess(AccessQuestion.of("frank", "prod-admin")).access());
        assertEquals(EventType.REQUEST_REVOKED, cs.history(r.id()).events().get(cs.history(r.id()).events().size() - 1)
                .type());
    }

    /** A break-glass rule reads the request's context: the gateway's question carries it. */
    @Test
    void theAccessQuestionsContextReachesPolicysInstantRules() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("countersign-break-glass");
        java.nio.file.Path policy = java.nio.file.Files.writeString(dir.resolve("break-glass.policy"), """
                policy break-glass {
                  scope profile matches "breakglass-*"
                  default deny "Break-glass needs a declared incident"
                  rule oncall-incident {
                    when has context.incident and requester in group "oncall"
                    then approve
                      cap duration 1h
                      condition session_recording = true
                  }
                }
                """);
        try (Countersign bg = Countersign.builder()
                .policies(new PolicyDirectory(io.countersign.engine.policy.PolicySet.load(List.of(policy)),
                        TestPolicies.directory(), PublicKeys.NONE))
                .store(store).clock(clock).build()) {
            AccessQuestion q = AccessQuestion.of("alice", "breakglass-prod");
            AccessAnswer none = bg.checkAccess(q);
            assertEquals(AccessAnswer.Access.DENIED, none.access(), none.reason());
            assertTrue(none.reason().contains("declared incident"), none.reason());

            AccessAnswer incident = bg.checkAccess(q.withContext(java.util.Map.of("incident", "INC-7")));
            assertEquals(AccessAnswer.Access.ALLOWED, incident.access(), incident.reason());
            assertEquals(clock.instant().plus(Duration.ofHours(1)), incident.until());
            assertEquals(true, incident.conditions().get("session_recording"));
            assertTrue(incident.reason().contains("break-glass/oncall-incident"), incident.reason());

            AccessAnswer notOnCall = bg.checkAccess(AccessQuestion.of("frank", "breakglass-prod")
                    .withContext(java.util.Map.of("incident", "INC-7")));
            assertEquals(AccessAnswer.Access.DENIED, notOnCall.access(), "frank is not on call");
        } finally {
            java.nio.file.Files.deleteIfExists(policy);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Test
    void everyRefusalCarriesItsCode() {
        StoredRequest r = cs.submit(admin("frank"));
        assertEquals(Refusal.NOT_ELIGIBLE, refused(() -> cs.approve(r.id(), Actor.of("dave"), Terms.NONE)));
        StoredRequest own = cs.submit(admin("alice"));
        assertEquals(Refusal.OWN_REQUEST, refused(() -> cs.approve(own.id(), Actor.of("alice"), Terms.NONE)));
        cs.approve(r.id(), Actor.of("alice"), Terms.NONE);
        assertEquals(Refusal.ALREADY_DECIDED, refused(() -> cs.approve(r.id(), Actor.of("alice"), Terms.NONE)));
        assertEquals(Refusal.WIDENS_GRANT, refused(() -> cs.approve(r.id(), Actor.of("bob"),
                Terms.NONE.withDuration(Duration.ofHours(9)))));
        assertEquals(Refusal.NOT_REQUESTER, refused(() -> cs.cancel(r.id(), Actor.of("bob"))));
        cs.deny(r.id(), Actor.of("bob"), "not now");
        assertEquals(Refusal.WRONG_STATE, refused(() -> cs.approve(r.id(), Actor.of("erin"), Terms.NONE)));
        assertEquals(Refusal.WRONG_STATE, refused(() -> cs.revoke(r.id(), Actor.of("frank"), "no")));
        StoredRequest data = cs.submit(AccessRequest.builder().requester("frank").profile("prod-data")
                .duration(Duration.ofHours(1)).ticket("CHG-2").build());
        assertEquals(Refusal.DELEGATION_FORBIDDEN, refused(() -> cs.act(data.id(), Actor.of("dave"),
                Act.delegate("alice"))));
    }

    @Test
    void missingPartsAreBadInputNotRefusals() {
        StoredRequest r = cs.submit(admin("frank"));
        assertThrows(InvalidRequestException.class, () -> cs.deny(r.id(), Actor.of("alice"), " "));
        assertThrows(InvalidRequestException.class, () -> Actor.of(""));
        assertThrows(InvalidRequestException.class, () -> AccessQuestion.of("frank", ""));
    }

    @Test
    void theStatementNamesTheActAndTheSweepRunsThroughTheFacade() {
        StoredRequest r = cs.submit(admin("frank"));
        assertEquals("deny", cs.statement(r.id(), "alice", Act.deny("no"), clock.instant()).action().text());
        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(r.id()), cs.sweep().expired());
    }
}
