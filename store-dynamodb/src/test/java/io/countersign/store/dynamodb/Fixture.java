package io.countersign.store.dynamodb;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One DynamoDB Local per test JVM (it takes seconds to start), a fresh table per test, the test
 * policies and directory from {@code src/test/resources/policies}, and a clock the test moves.
 */
final class Fixture {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamo db;

    static synchronized EmbeddedDynamo db() {
        if (db == null) {
            try {
                Path cache = Files.createTempDirectory("countersign-test-cache");
                db = EmbeddedDynamo.inMemory(cache);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return db;
    }

    /** A store on a table of its own. */
    static DynamoStore store() {
        String table = "t" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        Table.create(db().client(), table);
        return new DynamoStore(db().client(), table, null);
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
        return new Workflow(Authorizer.of(policySet()), store, directory(), clock);
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
