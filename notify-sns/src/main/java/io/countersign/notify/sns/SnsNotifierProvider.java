package io.countersign.notify.sns;

import io.countersign.engine.notify.Notifier;
import io.countersign.engine.notify.NotifierProvider;
import io.countersign.engine.notify.NotifierSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The {@code sns} notifier. Settings (notify.yaml's {@code sns} section, or {@code COUNTERSIGN_SNS_*}):
 * <ul>
 * <li>{@code topic-arn}, required: where events go; a name ending in {@code .fifo} makes a FIFO topic;</li>
 * <li>{@code region}: by default the topic's own region, read from its ARN, so that the two cannot
 * disagree; {@code us-east-1} when the ARN has none;</li>
 * <li>{@code endpoint}: another endpoint that speaks SNS, such as a local emulator;</li>
 * <li>{@code timeout-seconds}: how long one publish may take, 10 by default (as the webhook's).</li>
 * </ul>
 * Credentials come from the SDK's default chain (environment, profile, role). A loopback endpoint
 * accepts any key, so there, unless {@code AWS_ACCESS_KEY_ID} is set, fixed dummy credentials stand in
 * and a developer needs no AWS configuration at all.
 */
public final class SnsNotifierProvider implements NotifierProvider {

    static final String DEFAULT_REGION = "us-east-1";

    /** Longer than any healthy publish, short enough that a hung endpoint does not stall the outbox. */
    static final long DEFAULT_TIMEOUT_SECONDS = 10;

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public Notifier create(NotifierSettings settings) {
        String topicArn = settings.require("topic-arn").trim();
        String[] arn = topicArn.split(":", -1);
        if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("sns") || arn[5].isEmpty()) {
            throw new IllegalArgumentException("sns notifier: 'topic-arn' is not an SNS topic ARN"
                    + " (arn:aws:sns:<region>:<account>:<topic>): '" + topicArn + "'");
        }
        String region = settings.get("region").map(String::trim).filter(r -> !r.isEmpty())
                .orElse(arn[3].isEmpty() ? DEFAULT_REGION : arn[3]);
        Optional<URI> endpoint = settings.get("endpoint").map(String::trim).filter(e -> !e.isEmpty())
                .map(SnsNotifierProvider::endpoint);
        Duration timeout = settings.seconds("timeout-seconds", DEFAULT_TIMEOUT_SECONDS);

        SnsClientBuilder client = SnsClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint, settings))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // The outbox owns retrying, with its backoff and its dead letters; retries in
                        // here too would multiply its attempts and hold its thread through them.
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout)
                        .build());
        endpoint.ifPresent(client::endpointOverride);
        return new SnsNotifier(client.build(), topicArn);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what an endpoint should look like
        }
        throw new IllegalArgumentException("sns notifier: 'endpoint' is not an http(s) URL: '" + value + "'");
    }


    private static AwsCredentialsProvider credentials(Optional<URI> endpoint, NotifierSettings settings) {
        boolean keyInEnvironment = settings.environment().apply("AWS_ACCESS_KEY_ID") != null;
        if (endpoint.isPresent() && !keyInEnvironment && isLoopback(endpoint.get())) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
