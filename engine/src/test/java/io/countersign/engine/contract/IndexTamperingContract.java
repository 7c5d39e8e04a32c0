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
}
