package io.countersign.store.dynamodb;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Workflow;
import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;

/**
 * One strict DynamoDB test server per test JVM, a fresh table per test, the test
 * policies and directory from {@code src/test/resources/policies}, and a clock the test moves.
 */
final class Fixture {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static StrictDynamoTestServer db;

    static synchronized StrictDynamoTestServer db() {
        if (db == null) {
            db = StrictDynamoTestServer.start();
        }
        return db;
    }

    /** A store on a table of its own. */
    static DynamoStore store() {
        return new DynamoStore(db().client(), newTable(), null);
    }

    /** A fresh, empty table: tests never see each other's requests. */
    static String newTable() {
        String table = "t" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        Table.create(db().client(), table);
        return table;
    }

    /** Drops a test's table: the in-memory database would otherwise hold every test's items to the end. */
    static void dropTable(String table) {
        db().client().deleteTable(DeleteTableRequest.builder().tableName(table).build());
    }

    static Path policies() {
        return Path.of("src/test/resources/policies");
    }

    static PolicySet policySet() {
        try (var files = Files.walk(policies())) {
            List<Path> paths = files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
            return PolicySet.load(paths);
        } catch (IOException | io.countersign.engine.policy.PolicySetException e) {
            throw new IllegalStateException(e);
        }
    }

    static Directory directory() {
        try {
            return YamlDirectory.in(policies());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workflow workflow(DynamoStore store, TestClock clock) {
        return new Workflow(authorizer(), store, directory(), clock);
    }

    private static Authorizer authorizer;

    /** Compiled once: the authorizer is thread-safe, and compiling the set per test would cost seconds each. */
    static synchronized Authorizer authorizer() {
        if (authorizer == null) {
            authorizer = Authorizer.of(policySet());
        }
        return authorizer;
    }

    /** A request from {@code requester} for {@code profile}: one hour, with a ticket and a reason. */
    static Ask ask(String requester, String profile) {
        return new Ask(requester, profile);
    }

    /** Builds an {@link AccessRequest}; only what a test names differs from an ordinary request. */
    static final class Ask {
        private String id;
        private final String requester;
        private final String profile;
        private List<String> permissions = List.of();
        private Duration duration = Duration.ofHours(1);
        private OffsetDateTime startAt;
        private String justification = "Routine maintenance on the change calendar";
        private String ticket = "CHG-1";
        private OffsetDateTime at;

        private Ask(String requester, String profile) {
            this.requester = requester;
            this.profile = profile;
        }

        Ask id(String v) {
            id = v;
            return this;
        }

        Ask permissions(String... v) {
            permissions = List.of(v);
            return this;
        }

        Ask duration(Duration v) {
            duration = v;
            return this;
        }

        Ask startAt(Instant v) {
            startAt = v.atOffset(ZoneOffset.UTC);
            return this;
        }

        Ask justification(String v) {
            justification = v;
            return this;
        }

        Ask noTicket() {
            ticket = null;
            return this;
        }

        Ask at(Instant v) {
            at = v.atOffset(ZoneOffset.UTC);
            return this;
        }

        AccessRequest build() {
            return new AccessRequest(id, requester, null, null, profile, permissions, duration, startAt, justification,
                    ticket, Map.of(), at);
        }
    }


    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        /** Monday 2026-03-02 10:00 in Berlin: inside business hours. */
        static TestClock monday() {
            return new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }
    }
}
