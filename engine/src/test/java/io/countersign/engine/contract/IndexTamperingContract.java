package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The store's index values changed behind an intact, sealed record (by someone with write access to the
 * table but not the seal key): they may hide a request from the access check, never make it grant to
 * someone or something the sealed record does not name.
 */
public abstract class IndexTamperingContract extends TamperingHarness {

    /** The request's index values as if its item said what {@code change} makes it say; its item untouched. */
    void reindex(String id, Consumer<ObjectNode> change) {
        ObjectNode item = raw.request(id).orElseThrow();
        ObjectNode indexed = item.deepCopy();
        change.accept(indexed);
        raw.writeRequestIndexed(id, indexed);
        raw.writeRequest(id, item);
    }

    Instant during() {
        return clock.instant().plus(Duration.ofMinutes(30));
    }

    @Test
    void frankIsAllowedByHisGrantBeforeAnyoneTouchesIt() {
        StoredRequest r = approvedAdmin();
        AccessAnswer a = wf.checkAccess("frank", "prod-admin", List.of(), during());
        assertEquals(AccessAnswer.Access.ALLOWED, a.access(), a.toString());
        assertEquals(r.id(), a.requestId());
    }

    @Test
    void aGrantIndexedUnderAnotherRequesterGrantsThemNothing() {
        StoredRequest r = approvedAdmin();
        reindex(r.id(), i -> i.put("requester", "carol"));
        AccessAnswer a = wf.checkAccess("carol", "prod-admin", List.of(), during());
        assertEquals(AccessAnswer.Access.DENIED, a.access(), "frank's grant allowed carol: " + a);
        assertNotEquals(r.id(), a.requestId(), a.toString());
    }

    @Test
    void aGrantIndexedUnderAnotherProfileGrantsNothingThere() {
        StoredRequest r = approvedAdmin();
        reindex(r.id(), i -> i.put("profile", "prod-data"));
        AccessAnswer a = wf.checkAccess("frank", "prod-data", List.of(), during());
        assertEquals(AccessAnswer.Access.DENIED, a.access(), "a prod-admin grant allowed prod-data: " + a);
        assertNotEquals(r.id(), a.requestId(), a.toString());
    }

    @Test
    void aPendingRequestIndexedUnderAnotherRequesterIsNotTheirs() {
        StoredRequest r = adminRequest();
        reindex(r.id(), i -> i.put("requester", "erin"));
        AccessAnswer a = wf.checkAccess("erin", "prod-admin", List.of(), during());
        assertNotEquals(r.id(), a.requestId(), "frank's pending request answered erin: " + a);
    }
    /**
     * An event row's slot is not sealed either: a forged copy of request a's event filed in request b's
     * owed slot is never handed out, its slot becomes the dead letter (saying why), and a's own event is
     * still owed. A delivery recorded under the event's own key instead would dead-letter a's genuine
     * event and leave the forged slot owed for ever.
     */
    @Test
    void aForgedEventFiledInAnotherRequestsSlotIsThatSlotsDeadLetter() {
        StoredRequest a = adminRequest();
        StoredRequest b = adminRequest();
        ObjectNode forged = raw.events(a.id()).get(1L).deepCopy();
        forged.put("actor", "alice");
        raw.writeEvent(b.id(), 1, forged);

        List<io.countersign.engine.store.OutboxEntry> handed = sealedStore().outbox(100);
        assertEquals(List.of(), handed.stream().filter(e -> e.event().actor().equals("alice")).toList(),
                "the forged event is handed out");
        List<io.countersign.engine.store.OutboxEntry> owed = sealedStore().outbox(100);
        assertEquals(1, owed.stream().filter(e -> e.event().requestId().equals(a.id())).count(),
                "a's own event is still owed: " + sealedStore().deadLetters(100));
        assertEquals(List.of(), owed.stream().filter(e -> e.event().actor().equals("alice")).toList(),
                "the forged slot is still owed");
        assertEquals(1, sealedStore().deadLetters(100).stream().filter(e -> e.event().actor().equals("alice")).count(),
                "the forged one is a dead letter: " + sealedStore().deadLetters(100));
    }
}
