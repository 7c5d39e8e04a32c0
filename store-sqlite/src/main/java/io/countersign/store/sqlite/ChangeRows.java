package io.countersign.store.sqlite;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Due;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a change writes, turned into column values before the write transaction begins. */
final class ChangeRows {
    final String id;
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
        this.data = SqliteStore.json(request);
        for (ApprovalDecision d : change.decisions()) {
            decisions.add(new String[] {SortKeys.sortable(d.decisionDate()) + "#" + d.decisionId(), SqliteStore.json(d)});
        }
        this.events = change.events();
        for (Event e : events) {
            eventData.add(SqliteStore.json(e));
        }
    }

    /** Binds what a transition changes (status, version, deadline, data) from {@code at}; returns the next index. */
    int bindChange(PreparedStatement p, int at) throws SQLException {
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
    int bindRequest(PreparedStatement p, int at) throws SQLException {
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
    void insertRecords(Database.Conn c, Set<String> had) throws SQLException {
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
