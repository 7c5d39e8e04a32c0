package io.countersign.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Records written by today's store, moved into a database of an older schema: the code that wrote
 * older databases is gone, but their rows were the same rows less the columns added since.
 */
final class OlderSchemas {

    private OlderSchemas() {
    }

    /** Copies every row of {@code current} (today's schema) into {@code older}, the columns older has. */
    static void copy(Path current, Path older) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + older); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + current.toString().replace("'", "''") + "' AS cur");
            s.execute("INSERT INTO requests (id, requester, profile, status, version, created, deadline, data)"
                    + " SELECT id, requester, profile, status, version, created, deadline, data FROM cur.requests");
            s.execute("INSERT INTO decisions (request_id, sort_key, data) SELECT request_id, sort_key, data"
                    + " FROM cur.decisions");
            s.execute("INSERT INTO events (request_id, seq, event_id, time, data, outbox, delivered_to, attempts,"
                    + " next_attempt, last_error) SELECT request_id, seq, event_id, time, data, outbox, delivered_to,"
                    + " attempts, next_attempt, last_error FROM cur.events");
            s.execute("INSERT INTO inbox (request_id, principal, created) SELECT request_id, principal, created"
                    + " FROM cur.inbox");
            s.execute("DETACH DATABASE cur");
        }
    }
}
