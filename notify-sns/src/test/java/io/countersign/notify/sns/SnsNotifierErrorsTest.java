package io.countersign.notify.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.event.EventType;
import io.countersign.engine.notify.DeliveryException;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.notify.NotifierSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which failures are worth another attempt, as SNS's answers reach the notifier through the SDK: SNS's
 * own error documents from a stub server, and a port where nothing listens.
 */
class SnsNotifierErrorsTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:approvals";

    @ParameterizedTest(name = "{0} {1}: retryable {2}")
    @CsvSource({
        "400, Throttling, true",
        "429, Throttled, true",
        "400, KMSThrottling, true",
        "500, InternalError, true",
        "503, ServiceUnavailable, true",
        "400, InvalidParameter, false",
        "403, AuthorizationError, false",
        "404, NotFound, false",
        "400, KMSDisabled, false",
    })
    void anSnsErrorIsRetryableWhenItIsThrottlingOrTheServersFault(int status, String code, boolean retryable)
            throws Exception {
        try (StubSns stub = new StubSns(); Notifier notifier = notifier(stub.endpoint().toString())) {
            stub.failWith(status, code);
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> notifier.deliver(SnsNotifierTest.event("req-1", 1, EventType.REQUEST_CREATED, "p", "pending")));
            assertEquals(retryable, e.retryable(), e.getMessage());
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsRetryable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (Notifier notifier = notifier("http://127.0.0.1:" + closed)) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> notifier.deliver(SnsNotifierTest.event("req-1", 1, EventType.REQUEST_CREATED, "p", "pending")));
            assertEquals(true, e.retryable(), e.getMessage());
        }
    }

    @Test
    void anEndpointThatHangsTimesOutAndIsRetryable() throws Exception {
        // Accepts the connection (the backlog does) and never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Notifier notifier = new SnsNotifierProvider().create(new NotifierSettings("sns", Map.of("topic-arn",
                        TOPIC, "endpoint", "http://127.0.0.1:" + silent.getLocalPort(), "timeout-seconds", "1"),
                        name -> null))) {
            long start = System.nanoTime();
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> notifier.deliver(SnsNotifierTest.event("req-1", 1, EventType.REQUEST_CREATED, "p", "pending")));
            assertEquals(true, e.retryable(), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    private static Notifier notifier(String endpoint) {
        return new SnsNotifierProvider().create(new NotifierSettings("sns",
                Map.of("topic-arn", TOPIC, "endpoint", endpoint), name -> null));
    }
}
