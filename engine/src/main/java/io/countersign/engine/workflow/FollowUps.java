package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follow-ups by id: {@code REQUEST-ID/N}, the grant's N-th follow-up (from 1, in policy's order), and
 * the open ones as a listing shows them.
 */
public final class FollowUps {

    private FollowUps() {
    }

    /** A follow-up named by its id. */
    public record Ref(String requestId, int number) {
    }

    /**
     * An open follow-up: its id, its request, and whether it is overdue at the instant it was listed.
     */
    public record Open(String id, String requestId, String requester, String profile, String action, Instant due,
            boolean overdue) {
    }

    /** The id of the {@code number}-th follow-up of request {@code requestId}. */
    public static String id(String requestId, int number) {
        return requestId + "/" + number;
    }

    /**
     * The follow-up an id names.
     *
     * @throws InvalidRequestException when it is not of the form {@code REQUEST-ID/N}
     */
    public static Ref parse(String id) {
        int slash = id == null ? -1 : id.lastIndexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            throw new InvalidRequestException("followUp", "is not a follow-up id (REQUEST-ID/N, as `followups list`"
                    + " shows it)");
        }
        try {
            int n = Integer.parseInt(id.substring(slash + 1));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return new Ref(id.substring(0, slash), n);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("followUp", "is not a follow-up id (REQUEST-ID/N, N from 1)");
        }
    }

    /** The open follow-ups of {@code r} ({@code overdueOnly}: only those due by {@code now}), in order. */
    public static List<Open> open(StoredRequest r, Instant now, boolean overdueOnly) {
        List<Open> out = new java.util.ArrayList<>();
        List<TrackedFollowUp> all = r.trackedFollowUps();
        for (int i = 0; i < all.size(); i++) {
            TrackedFollowUp f = all.get(i);
            boolean late = !now.isBefore(f.due());
            if (!f.done() && (late || !overdueOnly)) {
                out.add(new Open(id(r.id(), i + 1), r.id(), r.requester(), r.profile(), f.action(), f.due(), late));
            }
        }
        return out;
    }

    /**
     * One page of the open follow-ups from the store's follow-up index ({@link Workflow#followUps}): those
     * due by {@code now} when {@code overdueOnly}, of requests {@code as} requested or approved unless null.
     */
    static Page<Open> page(Store store, Instant now, boolean overdueOnly, String as, String cursor, int limit) {
        Page<StoredRequest> page = store.due(io.countersign.engine.store.Due.FOLLOW_UP, overdueOnly ? now : null,
                cursor, limit);
        List<FollowUps.Open> out = new java.util.ArrayList<>();
        for (StoredRequest r : page.items()) {
            if (as == null || as.equals(r.requester()) || r.approvers().contains(as)) {
                out.addAll(FollowUps.open(r, now, overdueOnly));
            }
        }
        return new Page<>(out, page.next());
    }

    /** What an event says of a follow-up: its id, action and due date, and once done who did it and the evidence. */
    static Map<String, Object> describe(String requestId, int number, TrackedFollowUp f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id(requestId, number));
        out.put("action", f.action());
        out.put("due", f.due().toString());
        if (f.done()) {
            out.put("doneBy", f.doneBy());
            out.put("doneAt", f.doneAt().toString());
            out.put("evidence", f.evidence());
        }
        return out;
    }
}
