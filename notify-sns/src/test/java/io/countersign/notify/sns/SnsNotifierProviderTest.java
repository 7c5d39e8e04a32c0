package io.countersign.notify.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.event.EventType;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.notify.NotifierProvider;
import io.countersign.engine.notify.NotifierSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The settings, as notify.yaml and the environment give them. */
class SnsNotifierProviderTest {

    @Test
    void theEngineFindsItByName() {
        NotifierProvider found = ServiceLoader.load(NotifierProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("sns"))
                .findFirst().orElseThrow();
        assertEquals(SnsNotifierProvider.class, found.getClass());
    }

    @Test
    void theTopicIsRequiredAndSaysWhereToSetIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create(Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("'topic-arn'") && e.getMessage().contains("COUNTERSIGN_SNS_TOPIC_ARN"),
                e.getMessage());
    }

    @Test
    void aTopicThatIsNotAnSnsArnIsRefused() {
        for (String wrong : new String[] {"approvals", "arn:aws:sqs:us-east-1:000000000000:approvals",
            "arn:aws:sns:us-east-1:000000000000:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> create(Map.of("topic-arn", wrong), Map.of()));
            assertTrue(e.getMessage().contains("'topic-arn'"), e.getMessage());
        }
    }

    @Test
    void anEndpointMustBeAnHttpUrl() {
        for (String wrong : new String[] {"localhost:4566", "ftp://127.0.0.1/", "http://"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> create(Map.of("topic-arn", "arn:aws:sns:us-east-1:000000000000:t", "endpoint", wrong),
                            Map.of()));
            assertTrue(e.getMessage().contains("'endpoint'"), e.getMessage());
        }
    }

    @Test
    void aTimeoutMustBeAPositiveNumberOfSeconds() {
        for (String wrong : new String[] {"0", "-5", "10s", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> create(Map.of("topic-arn", "arn:aws:sns:us-east-1:000000000000:t", "timeout-seconds", wrong),
                            Map.of()));
            assertTrue(e.getMessage().contains("'timeout-seconds'"), e.getMessage());
        }
    }

    @Test
    void theRegionIsTheTopicsUnlessSetAndALoopbackEndpointNeedsNoAwsKeys() throws Exception {
        try (StubSns stub = new StubSns()) {
            String endpoint = stub.endpoint().toString();
            String topic = "arn:aws:sns:eu-west-1:000000000000:approvals";

            publish(create(Map.of("topic-arn", topic, "endpoint", endpoint), Map.of()));
            assertTrue(stub.authorization().contains("Credential=local/") && stub.authorization().contains(
                    "/eu-west-1/sns/"), stub.authorization());

            publish(create(Map.of("topic-arn", topic, "endpoint", endpoint), Map.of("COUNTERSIGN_SNS_REGION", "eu-central-1")));
            assertTrue(stub.authorization().contains("/eu-central-1/sns/"), stub.authorization());

            publish(create(Map.of("topic-arn", topic, "endpoint", endpoint, "region", "ap-south-1"),
                    Map.of("COUNTERSIGN_SNS_REGION", "eu-central-1")));
            assertTrue(stub.authorization().contains("/ap-south-1/sns/"), stub.authorization());

            // Everything from the environment, the way a container is configured.
            publish(create(Map.of(), Map.of("COUNTERSIGN_SNS_TOPIC_ARN", "arn:aws:sns::000000000000:approvals",
                    "COUNTERSIGN_SNS_ENDPOINT", endpoint)));
            assertTrue(stub.authorization().contains("/us-east-1/sns/"), stub.authorization());
        }
    }

    private static void publish(Notifier notifier) throws Exception {
        try (notifier) {
            notifier.deliver(SnsNotifierTest.event("req-1", 1, EventType.REQUEST_CREATED, "p", "pending"));
        }
    }

    private static Notifier create(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        return new SnsNotifierProvider().create(new NotifierSettings("sns", file, env::get));
    }
}
