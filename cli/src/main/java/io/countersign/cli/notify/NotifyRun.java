package io.countersign.cli.notify;

import io.countersign.cli.text.JsonLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.request.DurationConverter;
import io.countersign.cli.request.LifecycleCommand;
import io.countersign.cli.request.Session;
import io.countersign.engine.json.Json;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.cli.store.Location;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign notify run}. */
@Command(name = "run",
        header = "Deliver the outbox to the configured notifiers, at least once.",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver the outbox: every stored event to every configured notifier, each request's events in",
            "order, at least once. Failures are retried with backoff; an event refused by its receiver, or failing",
            "8 times, becomes a dead letter (notify failed). Prints a line for each round that did something.",
            "Runs until SIGINT or SIGTERM, finishing the round in progress, beside every other command on the same",
            "store; with --until-idle, until a round finds nothing due (for cron and scripts)."},
        footer = {"",
            "Example:",
            "  $ export COUNTERSIGN_WEBHOOK_SECRET=...    # the HMAC key: from the environment only",
            "  $ countersign notify run --notify webhook --region eu-central-1 --interval 5s",
            "  2026-03-02T09:00:05Z  round 1: 5 delivered, 0 to retry, 0 dead letters, 0 waiting",
            "  2026-03-02T09:14:40Z  round 176: 3 delivered, 1 to retry, 0 dead letters, 0 waiting",
            "  ^C",
            "  done: 8 delivered, 1 to retry, 0 dead letters, 0 waiting (177 rounds; stopped)",
            "  $ countersign notify run --notify webhook --until-idle        # from cron",
            "",
            "Exit codes: 0 ran (dead letters included: see notify failed), 2 bad input (no notifier or a",
            "misconfigured one, a bad option, a store that cannot be used)."})
public final class NotifyRun extends LifecycleCommand {

    /** How long the shutdown hook lets the round in progress finish; a webhook waits 10 s per event at most. */
    static final Duration GRACE = Duration.ofSeconds(30);

    @CommandLine.Mixin
    NotifyOptions notify;

    @Option(names = "--interval", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "The pause after a round that found nothing due (default: 10s).")
    Duration interval;

    @Option(names = "--until-idle", description = "Stop when a round finds nothing due, instead of at a signal.")
    boolean untilIdle;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    protected int execute() throws Exception {
        if (interval.isNegative() || interval.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--interval': it must be longer than 0");
        }
        Location location = store.location();
        ConfiguredNotifiers notifiers = notify.configure(store.home(), err());
        if (notifiers == null) {
            return BAD_INPUT;
        }
        try (notifiers) {
            if (notifiers.isEmpty()) {
                // Delivering to nobody would mark every event delivered: refuse instead.
                err().println("countersign: no notifier configured: " + notify.where(store.home()));
                return BAD_INPUT;
            }
            return deliver(location, notifiers);
        }
    }

    private int deliver(Location location, ConfiguredNotifiers notifiers) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (Session s = Session.reading(location)) {
            Dispatcher dispatcher = new Dispatcher(s.store(), notifiers.notifiers(), Clock.systemUTC(),
                    Dispatcher.MAX_ATTEMPTS);
            DeliveryLoop loop = new DeliveryLoop(dispatcher, interval, untilIdle, this::printRound);
            // SIGINT and SIGTERM run the shutdown hooks; the JVM halts when they return, so the hook waits
            // until the round in progress is recorded and the store closed.
            Thread hook = new Thread(() -> {
                loop.stop();
                try {
                    closed.await(GRACE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "countersign-notify-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            DeliveryLoop.Outcome outcome;
            try {
                outcome = loop.run();
            } finally {
                removeHook(hook);
            }
            if (!json()) {
                DeliveryReport total = outcome.report();
                out().println("done: " + total.text() + " (" + total.rounds() + (total.rounds() == 1 ? " round; " : " rounds; ")
                        + outcome.ended().words + ")");
            }
        } finally {
            out().flush();
            closed.countDown();
        }
        return 0;
    }

    private void printRound(Dispatcher.Round r, int n) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("time", now.toString()).put("round", n).put("delivered", r.delivered()).put("retrying", r.failed())
                    .put("dead", r.dead()).put("waiting", r.waiting());
            out().println(JsonLine.of(o));
        } else {
            out().println(now + "  round " + n + ": " + DeliveryReport.counts(r.delivered(), r.failed(), r.dead(),
                    r.waiting()));
        }
        // A long run is read as it goes, by a person or a log collector.
        out().flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what stopped the loop
        }
    }
}
