package io.countersign.cli.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.countersign.engine.json.Json;
import io.countersign.engine.notify.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback, as the README shows one: it checks each delivery's signature with
 * the shared secret and keeps what it accepted. It answers {@link #status}; only a 2xx accepts.
 */
public final class Receiver implements AutoCloseable {

    public static final String SECRET = "a-webhook-secret-of-32-bytes-xyz";

    private final HttpServer server;
    private final List<JsonNode> accepted = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    public volatile int status = 204;
    /** How long it takes to answer: a slow receiver keeps a round in progress. */
    volatile Duration delay = Duration.ZERO;
    /** Opens at the first call. */
    final CountDownLatch called = new CountDownLatch(1);

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            called.countDown();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean genuine = WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
                    ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), Instant.now(), Duration.ofMinutes(5));
            int answer = genuine ? status : 401;
            if (!genuine) {
                badSignatures.incrementAndGet();
            } else if (answer / 100 == 2) {
                synchronized (accepted) {
                    accepted.add(Json.mapper().readTree(body));
                }
            }
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The events it accepted, in arrival order. */
    List<JsonNode> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
