package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.PolicyHistory;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time of use through the workflow: a contractor's request is judged at the hour the access would
 * begin, not the hour it was asked; a start too far ahead is refused; and a start moved in the stored
 * record afterwards is found and refused.
 */
public abstract class TimeOfUseContract extends WorkflowContract {

    static final String POLICY = """
            policy contractors {
              scope profile matches "contract-*"
              allow unsigned decisions

              window office = mon-fri 09:00-18:00 in "Europe/Berlin"

              rule office-hours {
                when now during office
                then approve
              }

              default deny "Contractors work in office hours"
            }
            """;

    /** Friday 2026-03-06, noon in Berlin. */
    static final Instant FRIDAY_NOON = Instant.parse("2026-03-06T11:00:00Z");

    /** The store under test, sealed; {@code store} is the store beneath. */
    Store sealed;
    SealKeys seals;
    PolicySet set;

    @BeforeEach
    void open() throws Exception {
        clock.advance(Duration.between(clock.instant(), FRIDAY_NOON));
        seals = SealKeys.of("k1", Map.of("k1", new byte[32]));
        sealed = SealedStore.over(store, seals);
        set = PolicySet.of(List.of(new SourceFile("contractors.policy", POLICY)));
        wf = new Workflow(Authorizer.of(set), sealed, Directory.EMPTY, PublicKeys.NONE, clock);
    }

    StoredRequest ask(Instant start) {
        return wf.submit(ask("carol", "contract-db").startAt(start).build());
    }

    @Test
    void askedAtNoonForTenAtNightIsJudgedAtTenAtNight() {
        StoredRequest night = ask(Instant.parse("2026-03-06T21:00:00Z"));
        assertEquals(RequestStatus.DENIED, night.status(), night.rationale());
        assertEquals("Denied by contractors/default: Contractors work in office hours", night.rationale());
        StoredRequest monday = ask(Instant.parse("2026-03-09T08:00:00Z"));
        assertEquals(RequestStatus.APPROVED, monday.status());
        assertEquals(Instant.parse("2026-03-09T08:00:00Z"), monday.accessStart());
        AccessAnswer saturday = wf.checkAccess("carol", "contract-db", List.of(), Instant.parse("2026-03-07T01:00:00Z"));
        assertFalse(saturday.allowed(), "a grant for monday is no grant on saturday night: " + saturday);
    }

    @Test
    void aStartTooFarAheadIsRefusedAndNothingIsStored() {
        InvalidRequestException far = assertThrows(InvalidRequestException.class,
                () -> ask(Instant.parse("9999-12-31T23:00:00Z")));
        assertTrue(far.getMessage().contains("field 'startAt'"), far.getMessage());
        InvalidRequestException month = assertThrows(InvalidRequestException.class,
                () -> ask(FRIDAY_NOON.plus(Duration.ofDays(31))));
        assertTrue(month.getMessage().contains("lies 31d after the request"), month.getMessage());
        assertTrue(month.getMessage().endsWith("a start more than 30d ahead"), month.getMessage());
        assertTrue(store.list(new io.countersign.engine.store.Listing.ByRequester("carol"), null, 10).items().isEmpty());
    }

    @Test
    void aStartMovedInTheStoredRecordIsFoundAndRefused() throws Exception {
        StoredRequest monday = ask(Instant.parse("2026-03-09T08:00:00Z"));
        // An insider with the seal key moves the start to Saturday 02:00 in Berlin, throughout the record.
        Instant saturday = Instant.parse("2026-03-07T01:00:00Z");
        new Tamperer(raw, new Sealer(seals)).rewrite(monday.id(), e -> {
            ObjectNode r = (ObjectNode) e.path("data").get("request");
            r.put("startAt", saturday.toString());
            r.put("accessStart", saturday.toString());
            r.put("accessEnd", saturday.plus(Duration.ofHours(1)).toString());
        });
        try (PolicyHistory policies = PolicyHistory.of(set, Directory.EMPTY, Path.of("contractors"), false)) {
            List<AuditTrail.Finding> f = new AuditTrail(sealed, PublicKeys.NONE, PolicyJudge.archive(policies))
                    .verify(monday.id());
            assertTrue(f.toString().contains("is \"approved\" where the policy set gives \"denied\""), f.toString());
        }
        AccessAnswer a = wf.checkAccess("carol", "contract-db", List.of(), saturday.plusSeconds(60));
        assertEquals(AccessAnswer.Access.DENIED, a.access(), a.toString());
        assertTrue(a.reason().startsWith("request " + monday.id() + " does not verify"), a.reason());
    }
}
