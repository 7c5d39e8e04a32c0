package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decide.Outcome;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoredJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The due indexes on a generated history of 10,000 requests: for bounds across the history, each
 * index gives exactly the requests due by then, in due order, page after page — and SQLite answers
 * from the sparse index, not by scanning the table. Requests: every status; a fifth carry a review
 * (some announced already), a sixth follow-ups (some done, some announced overdue), spread over 60 days.
 */
class DueIndexTest {

    static final int N = 10_000;
    static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
    static SqliteStore store;
    static final List<StoredRequest> WRITTEN = new ArrayList<>();

    /**
     * Writes the history in one transaction with the store's own insert and keys (one create each would
     * spend seconds on commits; {@code BreakGlassContract} shows the store's writes keep the keys).
     */
    @BeforeAll
    static void write() throws Exception {
        store = SqliteStores.fresh();
        Random random = new Random(20);
        RequestStatus[] statuses = {RequestStatus.APPROVED, RequestStatus.EXPIRED, RequestStatus.REVOKED,
            RequestStatus.PENDING, RequestStatus.DENIED};
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            Instant at = START.plus(Duration.ofMinutes(8L * i)).plusNanos(random.nextInt(1_000_000_000));
            RequestStatus status = statuses[random.nextInt(statuses.length)];
            boolean granted = status != RequestStatus.PENDING && status != RequestStatus.DENIED;
            Draft d = Draft.create().id(String.format("due-%05d", i)).requester("u-" + i % 13).profile("breakglass-db")
                    .duration(Duration.ofHours(1)).createdAt(at).updatedAt(at).version(1).status(status)
                    .outcome(granted ? Outcome.APPROVED : Outcome.PENDING).policyVersion("sha256:generated");
            if (granted && i % 5 == 0) {
                d.reviewDate(at.plus(Duration.ofDays(2))).reviewDue(random.nextInt(4) == 0);
            }
            if (granted && i % 6 == 0) {
                List<TrackedFollowUp> f = new ArrayList<>();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    TrackedFollowUp open = new TrackedFollowUp("follow-up " + k, at.plus(Duration.ofHours(
                            1 + random.nextInt(120))), false, null, null, null);
                    f.add(switch (random.nextInt(4)) {
                        case 0 -> open.doneBy("u-" + i % 13, at.plus(Duration.ofHours(1)), List.of("TICKET-" + i));
                        case 1 -> open.announcedOverdue();
                        default -> open;
                    });
                }
                d.followUps(f);
            }
            WRITTEN.add(d.build());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(Sql.INSERT_REQUEST)) {
                for (StoredRequest r : WRITTEN) {
                    int k = 1;
                    p.setString(k++, r.id());
                    p.setString(k++, r.requester());
                    p.setString(k++, r.profile());
                    p.setString(k++, r.status().toString());
                    p.setLong(k++, r.version());
                    p.setString(k++, SortKeys.created(r));
                    p.setString(k++, r.deadline() == null ? null : SortKeys.sortable(r.deadline()));
                    p.setString(k++, SortKeys.due(Due.SWEEP, r));
                    p.setString(k++, SortKeys.due(Due.FOLLOW_UP, r));
                    p.setString(k, StoredJson.write(r));
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
        System.out.printf("DueIndexTest: wrote %d requests in %d ms%n", N, (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** What the index must hold by {@code until}, computed from what was written. */
    private static List<String> expected(Due which, Instant until) {
        return WRITTEN.stream().filter(r -> which.of(r) != null && (until == null || !which.of(r).isAfter(until)))
                .sorted(Comparator.comparing(which::of).thenComparing(StoredRequest::id)).map(StoredRequest::id)
                .toList();
    }

    private static List<String> read(Due which, Instant until, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredRequest> page = store.due(which, until, cursor, limit);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(r -> out.add(r.id()));
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    @Test
    void eachIndexFindsExactlyWhatIsDueInDueOrder() {
        long t0 = System.nanoTime();
        int found = 0;
        for (Due which : Due.values()) {
            for (int day : new int[] {0, 3, 40, 70}) {
                Instant until = START.plus(Duration.ofDays(day)).plusMillis(123);
                List<String> want = expected(which, until);
                assertEquals(want, read(which, until, 250), which + " by day " + day);
                found += want.size();
            }
            assertEquals(expected(which, null), read(which, null, 1000), which + " without a bound");
        }
        assertTrue(found > 1000, "the bounds find a fair share: " + found);
        // An instant exactly at a due date is due (at or before the bound).
        StoredRequest r = WRITTEN.stream().filter(x -> x.nextDue() != null).findFirst().orElseThrow();
        assertTrue(read(Due.SWEEP, r.nextDue(), 1000).contains(r.id()));
        assertTrue(!read(Due.SWEEP, r.nextDue().minusNanos(1), 1000).contains(r.id()));
        System.out.printf("DueIndexTest: read the indexes in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aRequestWithNothingDueIsNotInTheIndexes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            long swept = WRITTEN.stream().filter(r -> r.nextDue() != null).count();
            long open = WRITTEN.stream().filter(r -> r.nextFollowUp() != null).count();
            assertEquals(List.of(String.valueOf(swept)), SchemaTest.column(store.file(),
                    "SELECT count(*) FROM requests INDEXED BY requests_due WHERE due IS NOT NULL"));
            assertEquals(List.of(String.valueOf(open)), SchemaTest.column(store.file(),
                    "SELECT count(*) FROM requests INDEXED BY requests_follow_up WHERE follow_up IS NOT NULL"));
            assertTrue(swept < N / 4 && open < N / 4, "sparse: " + swept + ", " + open + " of " + N);
            for (String sql : List.of(Sql.DUE_SWEEP, Sql.DUE_FOLLOW_UP)) {
                assertEquals(QueryPlanTest.INDEX.get(sql), String.join(" | ", QueryPlanTest.plan(c, sql)), sql);
            }
        }
    }
}
