package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.notify.WebhookNotifier;
import io.countersign.engine.notify.WebhookSignature;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Events reach a real HTTP receiver on loopback: signed, in order, each exactly once after de-duplication. */
public abstract class WebhookDeliveryContract extends WorkflowContract {

    private static final byte[] SECRET = "a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8);

    /** What the receiver saw, in arrival order. */
    private final List<Event> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    private HttpServer receiver(int status, boolean failHalf, java.time.Clock clock) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int call = calls.incrementAndGet();
            boolean signed = WebhookSignature.verify(SECRET, ex.getRequestHeaders().getFirst("Countersign-Timestamp"),
                    body, ex.getRequestHeaders().getFirst("Countersign-Signature"), clock.instant(),
                    Duration.ofMinutes(5));
            if (!signed) {
                badSignatures.incrementAndGet();
            }
            int answer = status;
            if (failHalf && call % 2 == 0) {
                answer = 503;
                if (call % 4 == 0) {
                    // took it, then failed to say so: the sender must retry, the receiver de-duplicates
                    received.add(Json.mapper().readValue(body, Event.class));
                }
            } else if (answer == 200) {
                received.add(Json.mapper().readValue(body, Event.class));
            }
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void aReceiverThatFailsHalfItsCallsStillGetsEveryEventOnceInOrder() throws Exception {
        HttpServer server = receiver(200, true, clock);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StoredRequest r = wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(),
                        Duration.ofHours(1), null, "change " + i, "CHG-" + i, Map.of(), null));
                wf.approve(r.id(), "alice", Terms.because("ok"));
                if (i % 2 == 0) {
                    wf.approve(r.id(), "bob", Terms.because("ok"));
                } else {
                    wf.deny(r.id(), Actor.of("erin"), "not now");
                }
                ids.add(r.id());
            }
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            Dispatcher d = new Dispatcher(store, List.of(new WebhookNotifier(url, SECRET, Duration.ofSeconds(5), clock)),
                    clock, 50);
            for (int round = 0; round < 60 && !store.outbox(10).isEmpty(); round++) {
                d.runOnce();
                clock.advance(Duration.ofHours(1)); // past any backoff
            }
            assertTrue(store.outbox(10).isEmpty(), "the outbox drains");
            assertEquals(0, badSignatures.get());

            // de-duplicated by id, the receiver holds exactly the stored events
            Map<String, Event> unique = new HashMap<>();
            Map<String, List<Long>> order = new HashMap<>();
            for (Event e : received) {
                if (unique.putIfAbsent(e.id(), e) == null) {
                    order.computeIfAbsent(e.requestId(), k -> new ArrayList<>()).add(e.sequence());
                }
            }
            Set<String> stored = new LinkedHashSet<>();
            for (String id : ids) {
                History h = store.history(id).orElseThrow();
                h.events().forEach(e -> stored.add(e.id()));
                List<Long> expected = h.events().stream().map(Event::sequence).toList();
                assertEquals(expected, order.get(id), "request " + id + " arrives in sequence");
                for (Event e : h.events()) {
                    JsonNode sent = Json.mapper().valueToTree(unique.get(e.id()));
                    assertEquals(Json.mapper().valueToTree(e), sent, "the envelope arrives as stored");
                }
            }
            assertEquals(stored, unique.keySet());
            assertTrue(received.size() > unique.size(), "some events were delivered twice: the test exercised retries");
        } finally {
            server.stop(0);
        }
    }

    /** UTF-8 cannot carry a lone surrogate: the body escapes it, so the receiver gets the event as sealed. */
    @Test
    void textArrivesExactlyLoneSurrogatesIncluded() throws Exception {
        HttpServer server = receiver(200, false, clock);
        try {
            String text = "a\uD800b \uDC00 \uD83D\uDE00 \u00e9";
            StoredRequest r = wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(),
                    Duration.ofHours(1), null, text, "CHG-1", Map.of(), null));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            new Dispatcher(store, List.of(new WebhookNotifier(url, SECRET, Duration.ofSeconds(5), clock)), clock, 50)
                    .runOnce();
            assertEquals(0, badSignatures.get());
            assertEquals(1, received.size());
            Event sent = received.get(0);
            assertEquals(store.history(r.id()).orElseThrow().events().get(0), sent);
            assertEquals(text, sent.data().at("/request/justification").asText());
            assertEquals(io.countersign.engine.event.EventChain.hash(sent), sent.hash());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRejectedEventIsADeadLetterUntilRetried() throws Exception {
        HttpServer server = receiver(400, false, clock);
        try {
            wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(), Duration.ofHours(1), null,
                    "change", "CHG-1", Map.of(), null));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            Dispatcher d = new Dispatcher(store, List.of(new WebhookNotifier(url, SECRET, Duration.ofSeconds(5), clock)),
                    clock, 8);
            Dispatcher.Round round = d.runOnce();
            assertEquals(1, round.dead(), round.toString());
            assertTrue(store.outbox(10).isEmpty());
            List<OutboxEntry> dead = store.deadLetters(10);
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).lastError().contains("400"), dead.get(0).lastError());
            assertTrue(store.retry(dead.get(0).event().id()));
            assertEquals(1, store.outbox(10).size());
            assertTrue(store.deadLetters(10).isEmpty());
        } finally {
            server.stop(0);
        }
    }
}
