package io.countersign.engine.access;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.OpenRequest;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.Evidence;
import io.countersign.engine.verify.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's question answered: an active approved grant answers first (one indexed query, with its
 * own record read and verified, in the same query where the store can: a grant whose record does not
 * verify answers denied, naming what is wrong), then policy's instant approval for a session of
 * {@link #SESSION} in the question's context (so a break-glass rule on {@code context.incident} grants
 * through the gateway), then a pending request; otherwise denied.
 */
public final class AccessCheck {

    /** How long an access check asks for when it evaluates policy: a session, not a standing grant. */
    public static final Duration SESSION = Duration.ofHours(1);

    private final Authorizer authorizer;
    private final Store store;
    private final Directory directory;
    private final Evidence gateway;
    private final Clock clock;

    /** @param gateway the check of a grant's record before it is allowed */
    public AccessCheck(Authorizer authorizer, Store store, Directory directory, Evidence gateway, Clock clock) {
        this.authorizer = authorizer;
        this.store = store;
        this.directory = directory;
        this.gateway = gateway;
        this.clock = clock;
    }

    public AccessAnswer check(AccessQuestion q) {
        List<String> wanted = q.permissions();
        Instant when = q.at().orElseGet(clock::instant);
        StoredRequest pending = null;
        for (OpenRequest o : store.openWithHistories(q.requester(), q.profile(), when)) {
            StoredRequest r = o.request();
            // The store found it by its index, which is not sealed: a row indexed under this requester and
            // profile whose record names another's is not this question's request (it must grant nothing).
            if (!asked(r, q)) {
                continue;
            }
            if (r.grantsAt(when) && covers(r.grant().permissions(), wanted)) {
                // A grant is allowed only when its record is evidence: its own items, read with it where the
                // store can, else in one more read.
                Optional<History> h = o.history().get();
                if (h.isEmpty()) {
                    continue;
                }
                Verdict v = gateway.check(h.get());
                if (!v.intact()) {
                    return denied(r.id(), "request " + r.id() + " does not verify: " + v.reason());
                }
                // The answer is the verified record's, not the item the query found a moment before.
                StoredRequest g = v.state();
                if (!asked(g, q) || !g.grantsAt(when) || !covers(g.grant().permissions(), wanted)) {
                    continue;
                }
                return new AccessAnswer(AccessAnswer.Access.ALLOWED, g.id(), g.accessEnd(), g.grant().permissions(),
                        g.grant().conditions(), g.grant().stipulations(), "approved request " + g.id());
            }
            if (r.status() == RequestStatus.PENDING && pending == null) {
                pending = r;
            }
        }
        AccessRequest probe = directory.complete(AccessRequest.builder().requester(q.requester())
                .profile(q.profile()).permissions(wanted).duration(SESSION).context(q.context())
                .at(when.atOffset(ZoneOffset.UTC)).build());
        Evaluation e = authorizer.decide(probe);
        if (e.outcome().grants()) {
            return new AccessAnswer(AccessAnswer.Access.ALLOWED, null, when.plus(e.duration()), e.permissions(),
                    e.conditions(), e.stipulations(), "approved at once by " + String.join(", ", e.rules()));
        }
        if (pending != null) {
            return new AccessAnswer(AccessAnswer.Access.PENDING, pending.id(), null, List.of(), Map.of(), List.of(),
                    "request " + pending.id() + " is waiting for approval");
        }
        return denied(null, e.outcome() == Outcome.PENDING ? "no approved grant: request access first ("
                + e.rationale() + ")" : e.rationale());
    }

    private static AccessAnswer denied(String requestId, String reason) {
        return new AccessAnswer(AccessAnswer.Access.DENIED, requestId, null, List.of(), Map.of(), List.of(), reason);
    }

    /** Whether the record is the asker's, for the profile asked about. */
    private static boolean asked(StoredRequest r, AccessQuestion q) {
        return r.requester().equals(q.requester()) && r.profile().equals(q.profile());
    }

    /** Whether a grant's permissions cover those asked for; a grant of no named permissions is the whole profile. */
    private static boolean covers(List<String> granted, List<String> wanted) {
        return granted.isEmpty() || granted.containsAll(wanted);
    }
}
