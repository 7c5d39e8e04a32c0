package io.countersign.cli.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Workspace;
import io.countersign.cli.request.Session;
import io.countersign.cli.store.Location;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.notify.WebhookNotifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of {@code notify run} without {@code --until-idle}: it keeps going after an idle round, and a
 * stop — what the shutdown hook does on SIGINT or SIGTERM — ends it at once, even in the middle of an
 * hour's pause.
 */
class DeliveryLoopTest {

    @Test
    void keepsDeliveringUntilStoppedAndAStopCutsThePauseShort(@TempDir Path dir) throws Exception {
        Workspace ws = Workspace.in(dir);
        String id = ws.request("alice");
        int events = ws.events(id).size();
        try (Receiver receiver = new Receiver();
                Session s = Session.reading(new Location.Embedded(ws.home()));
                WebhookNotifier webhook = new WebhookNotifier(URI.create(receiver.url()),
                        Receiver.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), Clock.systemUTC())) {
            Dispatcher dispatcher = new Dispatcher(s.store(), List.of(webhook), Clock.systemUTC(), Dispatcher.MAX_ATTEMPTS);
            AtomicInteger busy = new AtomicInteger();
            DeliveryLoop loop = new DeliveryLoop(dispatcher, Duration.ofHours(1), false, (r, n) -> busy.incrementAndGet());
            CompletableFuture<DeliveryLoop.Outcome> running = CompletableFuture.supplyAsync(loop::run);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (receiver.accepted().size() < events && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(events, receiver.accepted().size());
            Thread.sleep(1000); // into the idle round's pause
            assertFalse(running.isDone(), "an idle round does not end the loop without --until-idle");

            loop.stop();
            DeliveryLoop.Outcome outcome = running.get(10, TimeUnit.SECONDS);
            assertEquals(DeliveryLoop.Ended.STOPPED, outcome.ended());
            assertEquals(events, outcome.report().delivered());
            assertEquals(1, busy.get(), "one round did something");
            assertTrue(outcome.report().rounds() >= 2, outcome.toString());
        }
    }
}
