package io.countersign.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * The floor under {@code WorkflowBenchmark.submit}: the SQL a submission runs, alone — no JSON, no
 * seals, no policy — against the same bare insert, in the same file with the same settings, the three
 * interleaved so that a drifting machine affects each alike. What a pending submission writes: its
 * request row (the table and its five indexes), its event (the table, its key and the outbox index) and
 * its inbox row, with the texts of a real submission. Prints p50 and p90 of each and the ratio of the
 * p50s; docs/store.md "The cost of a write" explains the numbers.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.WriteFloor [ROUNDS]</pre>
 */
public final class WriteFloor {

    private interface Write {
        void run() throws SQLException;
    }

    private WriteFloor() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        WorkflowBenchmark.Db db = new WorkflowBenchmark.Db();
        db.setUp();
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(10_000);
            config.setGetGeneratedKeys(false);
            try (Connection c = config.createConnection("jdbc:sqlite:" + db.store.file())) {
                run(c, rounds, db.row);
            }
        } finally {
            db.tearDown();
        }
    }

    /**
     * The rows of a pending submission written with bare SQL on {@code c}, in the store's tables, with the
     * texts of a real submission already in the file: the floor under {@code WorkflowBenchmark.submit}.
     */
    static final class SubmissionRows {
        private final String request;
        private final String event;
        private final PreparedStatement begin;
        private final PreparedStatement commit;
        private final PreparedStatement req;
        private final PreparedStatement ev;
        private final PreparedStatement in;
        private long n;

        SubmissionRows(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT r.data, e.data FROM requests r JOIN events e"
                            + " ON e.request_id = r.id WHERE e.seq = 1 LIMIT 1")) {
                r.next();
                request = r.getString(1);
                event = r.getString(2);
            }
            begin = c.prepareStatement("BEGIN IMMEDIATE");
            commit = c.prepareStatement("COMMIT");
            req = c.prepareStatement("INSERT INTO requests (id, requester, profile, status, version,"
                    + " created, deadline, data) VALUES (?, ?, ?, 'pending', 1, ?, '2099-01-01T00:00:00.000000000Z', ?)");
            ev = c.prepareStatement("INSERT INTO events (request_id, seq, event_id, time, data, outbox)"
                    + " VALUES (?, 1, ?, ?, ?, 'due')");
            in = c.prepareStatement("INSERT INTO inbox (principal, created, request_id) VALUES (?, ?, ?)");
        }

        /** One transaction: the request row alone. */
        void requestAlone() throws SQLException {
            begin.execute();
            request(req, request, ++n);
            commit.execute();
        }

        /** One transaction: the request row, its event (in the outbox) and its inbox row. */
        void submission() throws SQLException {
            begin.execute();
            String id = request(req, request, ++n);
            ev.setString(1, id);
            ev.setString(2, UUID.randomUUID().toString());
            ev.setString(3, "2026-01-01T00:00:00.000000000Z");
            ev.setString(4, event);
            ev.executeUpdate();
            in.setString(1, "group:leads");
            in.setString(2, created(n, id));
            in.setString(3, id);
            in.executeUpdate();
            commit.execute();
        }
    }

    private static void run(Connection c, int rounds, String baselineRow) throws SQLException {
        PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE");
        PreparedStatement commit = c.prepareStatement("COMMIT");
        PreparedStatement bare = c.prepareStatement("INSERT INTO baseline (id, data) VALUES (?, ?)");
        SubmissionRows rows = new SubmissionRows(c);
        Map<String, Write> writes = new LinkedHashMap<>();
        writes.put("bare insert (the baseline)", () -> {
            begin.execute();
            bare.setString(1, "floor-" + UUID.randomUUID());
            bare.setString(2, baselineRow);
            bare.executeUpdate();
            commit.execute();
        });
        writes.put("request row alone", rows::requestAlone);
        writes.put("a submission's rows", rows::submission);
        Map<String, List<Long>> times = new LinkedHashMap<>();
        writes.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int i = 0; i < rounds; i++) {
            for (Map.Entry<String, Write> w : writes.entrySet()) {
                long t0 = System.nanoTime();
                w.getValue().run();
                long t = System.nanoTime() - t0;
                if (i >= rounds / 5) { // the first fifth warms up
                    times.get(w.getKey()).add(t);
                }
            }
        }
        double base = percentile(times.get("bare insert (the baseline)"), 50);
        times.forEach((name, t) -> System.out.printf(Locale.ROOT,
                "%-28s p50 %7.1f µs  p90 %7.1f µs  p50 ÷ baseline %.2f×%n",
                name, percentile(t, 50) / 1e3, percentile(t, 90) / 1e3, percentile(t, 50) / base));
    }

    private static String request(PreparedStatement p, String data, long n) throws SQLException {
        String id = UUID.randomUUID().toString();
        p.setString(1, id);
        p.setString(2, "floor-user-" + n);
        p.setString(3, "floor-profile"); // none of the workflow's: its reads never meet these rows
        p.setString(4, created(n, id));
        p.setString(5, data);
        p.executeUpdate();
        return id;
    }

    private static String created(long n, String id) {
        return String.format(Locale.ROOT, "2026-01-01T00:00:00.%09dZ#%s", n % 1_000_000_000L, id);
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
