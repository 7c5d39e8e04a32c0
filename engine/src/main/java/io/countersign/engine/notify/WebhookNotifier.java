package io.countersign.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs each event envelope as JSON to one URL, signed ({@link WebhookSignature}). A 2xx is delivered;
 * 5xx, 429, a timeout or a network error may pass next time; any other status will not. There is no
 * unsigned mode: a webhook without a secret is a configuration error.
 */
public final class WebhookNotifier implements Notifier {

    public static final String NAME = "webhook";

    private final URI url;
    private final byte[] secret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    public WebhookNotifier(URI url, byte[] secret, Duration timeout, Clock clock) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("webhook notifier: the signing secret must be at least 16 bytes"
                    + " (set COUNTERSIGN_WEBHOOK_SECRET)");
        }
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !("http".equals(scheme) && isLoopback(url))) {
            throw new IllegalArgumentException("webhook notifier: url must be https (plain http only on loopback): "
                    + url);
        }
        this.url = url;
        this.secret = secret.clone();
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Event event) throws DeliveryException {
        byte[] body;
        try {
            // Jackson's byte writer escapes surrogates; a String through UTF-8 would turn a lone one into '?'.
            body = Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the event cannot be written as JSON: " + e.getMessage(), false, e);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.EVENT_ID_HEADER, event.id())
                .header(WebhookSignature.EVENT_TYPE_HEADER, event.type().toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("webhook: no answer within " + timeout, true, e);
        } catch (IOException e) {
            throw new DeliveryException("webhook: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("webhook: interrupted", true, e);
        }
        if (status >= 200 && status < 300) {
            return;
        }
        boolean retryable = status >= 500 || status == 429;
        throw new DeliveryException("webhook: " + url.getHost() + " answered " + status, retryable, null);
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** The provider: {@code url} from notify.yaml or COUNTERSIGN_WEBHOOK_URL, the secret from the environment only. */
    public static final class Provider implements NotifierProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Notifier create(NotifierSettings settings) {
            String given = settings.require("url");
            URI url;
            try {
                url = URI.create(given.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook notifier: 'url' is not a URL: " + e.getMessage(), e);
            }
            byte[] secret = settings.secret("secret").map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
            return new WebhookNotifier(url, secret, settings.seconds("timeout-seconds", 10), Clock.systemUTC());
        }
    }
}
