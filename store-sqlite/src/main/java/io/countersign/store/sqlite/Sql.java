package io.countersign.store.sqlite;

import java.util.List;

/**
 * Every statement the store runs, in one place so that a test can ask SQLite how it answers each one
 * ({@code EXPLAIN QUERY PLAN}): from an index, never by a scan or a sort of its own.
 */
final class Sql {

    static final String DUE = "due";
    static final String DEAD = "dead";

    static final String INSERT_REQUEST = "INSERT INTO requests (id, requester, profile, status, version, created,"
            + " deadline, due, follow_up, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /**
     * Only what a transition can change: SQLite rewrites the entries of every index on a column the
     * statement sets, changed or not (id, requester, profile and creation stay as created).
     */
    static final String UPDATE_REQUEST = "UPDATE requests SET status = ?, version = ?, deadline = ?, due = ?,"
            + " follow_up = ?, data = ?"
            + " WHERE id = ? AND version = ? AND status = ?";
    static final String INSERT_DECISION = "INSERT INTO decisions (request_id, sort_key, data) VALUES (?, ?, ?)";
    static final String INSERT_EVENT = "INSERT INTO events (request_id, seq, event_id, time, data, outbox)"
            + " VALUES (?, ?, ?, ?, ?, '" + DUE + "')";
    static final String DELETE_INBOX = "DELETE FROM inbox WHERE principal = ? AND created = ? AND request_id = ?";
    /** Derived rows: one left over (by a write the store did not make) is replaced, not a failure. */
    static final String INSERT_INBOX = "INSERT OR REPLACE INTO inbox (principal, created, request_id) VALUES (?, ?, ?)";

    static final String GET_REQUEST = "SELECT data FROM requests WHERE id = ?";
    /**
     * A request's whole record in one statement, so in one snapshot with no transaction around it: kind
     * (0 the request, 1 a decision, 2 an event), the decision's key or the event's sequence, and the data.
     * Each part reads its rows from its primary key's index, in key order; the reader orders them by key
     * itself rather than have SQLite sort the union.
     */
    static final String HISTORY = "SELECT 0, NULL, data FROM requests WHERE id = ?"
            + " UNION ALL SELECT 1, sort_key, data FROM decisions WHERE request_id = ?"
            + " UNION ALL SELECT 2, seq, data FROM events WHERE request_id = ?";
    static final String BY_REQUESTER = listing("requester");
    static final String BY_PROFILE = listing("profile");
    static final String BY_STATUS = listing("status");
    static final String INBOX = "SELECT r.id, i.created, r.data FROM inbox i JOIN requests r ON r.id = i.request_id"
            + " WHERE i.principal = ? AND i.created < ? ORDER BY i.created DESC LIMIT ?";
    /**
     * The rows of the settled-requests index ({@code StoredRequest.settled}); a statement reading that index
     * must repeat this condition word for word, or SQLite does not take the partial index.
     */
    static final String SETTLED_ROWS = "(status IN ('approved', 'denied', 'revoked')"
            + " OR (status = 'expired' AND json_extract(data, '$.accessStart') IS NOT NULL))";
    /** A profile's newest settled requests created at or after a bound: a new request's precedent candidates. */
    static final String SETTLED = "SELECT id, created, data FROM requests WHERE profile = ? AND created >= ? AND "
            + SETTLED_ROWS + " ORDER BY created DESC LIMIT ?";
    static final String OPEN = "SELECT id, data FROM requests WHERE requester = ? AND profile = ? AND deadline > ?"
            + " ORDER BY deadline, id";
    /**
     * {@link #OPEN} with the records of the approved ones, in one statement (so one snapshot): the access
     * check's one read. Kind (0 a request, 1 a decision, 2 an event), the request's id, the request's
     * deadline or the decision's key, whether the request is approved or the event's sequence, the data.
     * Each part searches the open index (the three parameters are bound once), the decisions and events then
     * their primary keys.
     */
    static final String OPEN_RECORDS = "SELECT 0, id, deadline, status = 'approved', data FROM requests"
            + " WHERE requester = ?1 AND profile = ?2 AND deadline > ?3"
            + " UNION ALL SELECT 1, d.request_id, d.sort_key, NULL, d.data FROM requests r"
            + " JOIN decisions d ON d.request_id = r.id"
            + " WHERE r.requester = ?1 AND r.profile = ?2 AND r.deadline > ?3 AND r.status = 'approved'"
            + " UNION ALL SELECT 2, e.request_id, NULL, e.seq, e.data FROM requests r JOIN events e ON e.request_id = r.id"
            + " WHERE r.requester = ?1 AND r.profile = ?2 AND r.deadline > ?3 AND r.status = 'approved'";

    /** The due indexes, earliest first, after a key (the cursor) and up to a bound; each column its own sparse index. */
    static final String DUE_SWEEP = dueListing("due");
    static final String DUE_FOLLOW_UP = dueListing("follow_up");

    static final String OUTBOX = "SELECT data, delivered_to, attempts, next_attempt, last_error, request_id, seq FROM events"
            + " WHERE outbox = ? ORDER BY time, request_id, seq LIMIT ?";
    static final String DELIVERED = "UPDATE events SET delivered_to = ?, attempts = ?, outbox = NULL,"
            + " next_attempt = NULL WHERE request_id = ? AND seq = ?";
    static final String GIVEN_UP = "UPDATE events SET delivered_to = ?, attempts = ?, outbox = '" + DEAD + "',"
            + " next_attempt = NULL, last_error = coalesce(?, last_error) WHERE request_id = ? AND seq = ?";
    static final String FAILED = "UPDATE events SET delivered_to = ?, attempts = ?, next_attempt = ?,"
            + " last_error = coalesce(?, last_error) WHERE request_id = ? AND seq = ?";
    /** The dead letters' event-id index finds the row (named: the outbox index must not be taken instead). */
    static final String RETRY = "UPDATE events SET outbox = '" + DUE + "', attempts = 0, next_attempt = NULL"
            + " WHERE rowid = (SELECT rowid FROM events INDEXED BY events_dead_by_id WHERE event_id = ? AND outbox = '"
            + DEAD + "' LIMIT 1)";

    /** The notifiers each of a request's events was delivered to: the record a decision's notificationsSent reads. */
    static final String DELIVERED_TO = "SELECT seq, delivered_to FROM events WHERE request_id = ?"
            + " AND delivered_to <> '[]' ORDER BY seq";

    /** All of them. */
    static final List<String> ALL = List.of(INSERT_REQUEST, UPDATE_REQUEST, INSERT_DECISION, INSERT_EVENT, DELETE_INBOX,
            INSERT_INBOX, GET_REQUEST, HISTORY, BY_REQUESTER, BY_PROFILE, BY_STATUS, SETTLED, INBOX, OPEN, OPEN_RECORDS, DUE_SWEEP,
            DUE_FOLLOW_UP, OUTBOX, DELIVERED, GIVEN_UP, FAILED, RETRY, DELIVERED_TO);

    private Sql() {
    }

    private static String dueListing(String column) {
        return "SELECT id, " + column + ", data FROM requests WHERE " + column + " > ? AND " + column + " <= ?"
                + " ORDER BY " + column + " LIMIT ?";
    }

    /** A listing newest first below a cursor; each column has its own index. */
    private static String listing(String column) {
        return "SELECT id, created, data FROM requests WHERE " + column + " = ? AND created < ?"
                + " ORDER BY created DESC LIMIT ?";
    }
}
