package io.countersign.engine.store.check;

import io.countersign.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store contract, checked on a store that may be in use: each named check writes requests of its
 * own (see {@link CheckRecords} for how they are marked and dated), asserts what the {@link Store}
 * promises, and the last one cancels every request the run made and delivers every event it wrote, so
 * that nothing of it stays pending, in an inbox, in the access check's index or in the outbox. What
 * stays is the history of those cancelled test requests: a store keeps history and the contract has no
 * delete.
 *
 * <p>Reads served by an index may lag a write on a real store (DynamoDB's global secondary indexes are
 * eventually consistent), so a check that reads one retries for up to {@link #settle()} before it
 * reports a problem.
 */
public final class StoreContractCheck {

    private final Store store;
    private final CheckRecords records;
    private final Duration settle;

    private StoreContractCheck(Store store, CheckRecords records, Duration settle) {
        this.store = store;
        this.records = records;
        this.settle = settle;
    }

    /** A check of {@code store} with a random run id, waiting up to 10 s for index reads to settle. */
    public static StoreContractCheck of(Store store) {
        byte[] run = new byte[4];
        ThreadLocalRandom.current().nextBytes(run);
        return new StoreContractCheck(Objects.requireNonNull(store), new CheckRecords(HexFormat.of().formatHex(run),
                Clock.systemUTC()), Duration.ofSeconds(10));
    }

    /** The same check with another bound on waiting for index reads. */
    public StoreContractCheck withSettle(Duration settle) {
        return new StoreContractCheck(store, records, settle);
    }

    public Duration settle() {
        return settle;
    }

    /** This run's id: every record it writes starts with {@code store-check-RUN}. */
    public String run() {
        return records.run;
    }

    /** The names of the checks, in the order they run. */
    public static List<String> names() {
        return checks(null).stream().map(Named::name).toList();
    }

    /** Runs every check in order, handing each result to {@code each} as it comes; all of them. */
    public List<CheckResult> run(Consumer<CheckResult> each) {
        List<CheckResult> out = new ArrayList<>();
        for (Named check : checks(new Context(store, records, this::eventually))) {
            long t0 = System.nanoTime();
            String problem;
            try {
                problem = check.body().get();
            } catch (RuntimeException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            CheckResult r = new CheckResult(check.name(), problem, Duration.ofNanos(System.nanoTime() - t0));
            out.add(r);
            each.accept(r);
        }
        return out;
    }

    private record Named(String name, Supplier<String> body) {
    }

    /** The checks in order; with no context, only their names. */
    private static List<Named> checks(Context c) {
        WriteChecks w = c == null ? null : new WriteChecks(c);
        ReadChecks r = c == null ? null : new ReadChecks(c);
        OutboxChecks o = c == null ? null : new OutboxChecks(c);
        return List.of(
                new Named("create and read back", () -> w.create()),
                new Named("duplicate create is a conflict", () -> w.duplicate()),
                new Named("conditional transition", () -> w.transition()),
                new Named("history in order", () -> w.history()),
                new Named("listings newest first with cursors", () -> r.listings()),
                new Named("status listing", () -> r.statusListing()),
                new Named("inbox", () -> r.inbox()),
                new Named("access-check query", () -> r.access()),
                new Named("outbox order and delivery", () -> o.outbox()),
                new Named("dead letters and retry", () -> o.deadLetters()),
                new Named("clean-up leaves nothing open", () -> o.cleanUp()));
    }

    /**
     * The first problem {@code probe} reports, once it has kept reporting one for {@link #settle}: null
     * as soon as it reports none.
     */
    private String eventually(Supplier<String> probe) {
        long deadline = System.nanoTime() + settle.toNanos();
        long pause = 50;
        while (true) {
            String problem = probe.get();
            if (problem == null || System.nanoTime() > deadline) {
                return problem;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problem;
            }
            pause = Math.min(pause * 2, 1000);
        }
    }
}
