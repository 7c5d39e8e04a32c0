package io.countersign.store.sqlite;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.StoredJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a change writes, turned into column values before the write transaction begins, and its writing
 * inside that transaction: a new request, or a transition that replaces the stored version.
 */
final class ChangeRows {
    private final String id;
    private final StoredRequest request;
    private final String created;
    private final String data;
    private final List<String[]> decisions = new ArrayList<>();
    private final List<Event> events;
    private final List<String> eventData = new ArrayList<>();

    ChangeRows(Change change) {
        this.request = change.request();
        this.id = request.id();
        this.created = SortKeys.created(request);
        this.data = StoredJson.write(request);
        for (ApprovalDecision d : change.decisions()) {
            decisions.add(new String[] {SortKeys.sortable(d.decisionDate()) + "#" + d.decisionId(), StoredJson.write(d)});
        }
        this.events = change.events();
        for (Event e : events) {
            eventData.add(StoredJson.write(e));
        }
    }

    /** Inserts the request, conditional on its id being new, with its records. */
    void create(Database.Conn c) throws SQLException {
        PreparedStatement p = c.prepare(Sql.INSERT_REQUEST);
        bindRequest(p, 1);
        if (p.executeUpdate() == 0) {
            throw new ConflictException("request " + id + " exists already");
        }
        insertRecords(c, Set.of());
    }

    /**
     * Replaces {@code before}, conditional on its version and status being still the stored ones, adds
     * the records, and moves the inbox rows from {@code before}'s principals to the new version's.
     */
    void replace(Database.Conn c, StoredRequest before) throws SQLException {
        PreparedStatement p = c.prepare(Sql.UPDATE_REQUEST);
        int i = bindChange(p, 1);
        p.setString(i++, before.id());
        p.setLong(i++, before.version());
        p.setString(i, before.status().toString());
        if (p.executeUpdate() == 0) {
            throw new ConflictException("request " + id + " changed since version " + before.version());
        }
        // The stored request is `before` (same version): its inbox rows are before's principals.
        PreparedStatement leave = c.prepare(Sql.DELETE_INBOX);
        String was = SortKeys.created(before);
        for (String principal : before.inbox()) {
            if (!request.inbox().contains(principal)) {
                leave.setString(1, principal);
                leave.setString(2, was);
                leave.setString(3, id);
                leave.executeUpdate();
            }
        }
        insertRecords(c, before.inbox());
    }

    /** Binds what a transition changes (status, version, deadline, data) from {@code at}; returns the next index. */
    private int bindChange(PreparedStatement p, int at) throws SQLException {
        Instant deadline = request.deadline();
        p.setString(at++, request.status().toString());
        p.setLong(at++, request.version());
        p.setString(at++, deadline == null ? null : SortKeys.sortable(deadline));
        p.setString(at++, SortKeys.due(Due.SWEEP, request));
        p.setString(at++, SortKeys.due(Due.FOLLOW_UP, request));
        p.setString(at++, data);
        return at;
    }

    /** Binds the request's columns from {@code at}; returns the next parameter's index. */
    private int bindRequest(PreparedStatement p, int at) throws SQLException {
        Instant deadline = request.deadline();
        p.setString(at++, id);
        p.setString(at++, request.requester());
        p.setString(at++, request.profile());
        p.setString(at++, request.status().toString());
        p.setLong(at++, request.version());
        p.setString(at++, created);
        p.setString(at++, deadline == null ? null : SortKeys.sortable(deadline));
        p.setString(at++, SortKeys.due(Due.SWEEP, request));
        p.setString(at++, SortKeys.due(Due.FOLLOW_UP, request));
        p.setString(at++, data);
        return at;
    }

    /** The decisions, the events (each due to every notifier) and the inbox rows of the open stage not in {@code had}. */
    private void insertRecords(Database.Conn c, Set<String> had) throws SQLException {
        PreparedStatement d = c.prepare(Sql.INSERT_DECISION);
        for (String[] decision : decisions) {
            d.setString(1, id);
            d.setString(2, decision[0]);
            d.setString(3, decision[1]);
            d.executeUpdate();
        }
        PreparedStatement e = c.prepare(Sql.INSERT_EVENT);
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            e.setString(1, id);
            e.setLong(2, event.sequence());
            e.setString(3, event.id());
            e.setString(4, SortKeys.sortable(event.time()));
            e.setString(5, eventData.get(i));
            e.executeUpdate();
        }
        PreparedStatement in = c.prepare(Sql.INSERT_INBOX);
        for (String principal : request.inbox()) {
            if (had.contains(principal)) {
                continue;
            }
            in.setString(1, principal);
            in.setString(2, created);
            in.setString(3, id);
            in.executeUpdate();
        }
    }
}
