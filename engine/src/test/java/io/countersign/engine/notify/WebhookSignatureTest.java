package io.countersign.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] SECRET = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aSignatureVerifiesOnlyForItsBodyTimestampAndSecret() {
        long ts = NOW.getEpochSecond();
        String sig = WebhookSignature.sign(SECRET, ts, BODY);
        assertTrue(sig.matches("v1=[0-9a-f]{64}"), sig);
        Duration tolerance = Duration.ofMinutes(5);
        assertTrue(WebhookSignature.verify(SECRET, Long.toString(ts), BODY, sig, NOW, tolerance));
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(ts), "{\"id\":\"e2\"}".getBytes(StandardCharsets.UTF_8),
                sig, NOW, tolerance), "another body");
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(ts + 1), BODY, sig, NOW, tolerance), "another timestamp");
        assertFalse(WebhookSignature.verify("another-secret-of-16+".getBytes(StandardCharsets.UTF_8), Long.toString(ts),
                BODY, sig, NOW, tolerance), "another secret");
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(ts), BODY, sig, NOW.plus(Duration.ofMinutes(6)),
                tolerance), "a replay after the tolerance");
        assertFalse(WebhookSignature.verify(SECRET, "yesterday", BODY, sig, NOW, tolerance));
        assertFalse(WebhookSignature.verify(SECRET, null, BODY, sig, NOW, tolerance));
    }

    @Test
    void secretsComeFromTheEnvironmentNeverFromTheFile() {
        NotifierSettings inFile = new NotifierSettings("webhook", Map.of("url", "https://x", "secret", "s3cr3t"),
                k -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inFile.secret("secret"));
        assertTrue(e.getMessage().contains("COUNTERSIGN_WEBHOOK_SECRET"), e.getMessage());
        NotifierSettings inEnv = new NotifierSettings("webhook", Map.of("url", "https://x"),
                k -> k.equals("COUNTERSIGN_WEBHOOK_SECRET") ? "from-env" : null);
        assertEquals("from-env", inEnv.secret("secret").orElseThrow());
    }

    @Test
    void aWebhookWithoutASecretOrOverPlainHttpIsRefused() {
        NotifierSettings noSecret = new NotifierSettings("webhook", Map.of("url", "https://hooks.example.com/x"),
                k -> null);
        assertThrows(IllegalArgumentException.class, () -> new WebhookNotifier.Provider().create(noSecret));
        NotifierSettings plain = new NotifierSettings("webhook", Map.of("url", "http://hooks.example.com/x"),
                k -> k.endsWith("SECRET") ? "0123456789abcdef-secret" : null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebhookNotifier.Provider().create(plain));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
}
