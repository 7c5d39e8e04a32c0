package io.countersign.notify.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.notify.DeliveryException;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.notify.NotifierSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The notifier against fauxqs through the real SDK: topics, SQS queues subscribed to them, and what
 * arrives in those queues.
 */
class SnsNotifierTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static Fauxqs fauxqs;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        fauxqs = Fauxqs.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"));
        sns = SnsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(fauxqs.endpoint()).build();
        sqs = SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(fauxqs.endpoint()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sns != null) {
            sns.close();
            sqs.close();
        }
        if (fauxqs != null) {
            fauxqs.close();
        }
    }

    @Test
    void publishesTheEnvelopeWithItsAttributes() throws Exception {
        String topic = topic(false);
        String raw = queueSubscribedTo(topic, false, true, null);
        String wrapped = queueSubscribedTo(topic, false, false, null);
        Event approved = event("req-1", 2, EventType.REQUEST_APPROVED, "prod-db", "approved");

        try (Notifier notifier = notifier(topic)) {
            notifier.deliver(approved);
        }

        Message message = receiveAll(raw).get(0);
        assertEquals(Json.mapper().readTree(Json.mapper().writeValueAsString(approved)),
                Json.mapper().readTree(message.body()));
        assertEquals(approved, Json.mapper().readValue(message.body(), Event.class));
        assertEquals(Map.of("event_type", "request.approved", "profile", "prod-db", "status", "approved"),
                attributes(message));

        // Without raw delivery SQS gets SNS's own notification: the envelope is its Message.
        JsonNode notification = Json.mapper().readTree(receiveAll(wrapped).get(0).body());
        assertEquals(approved, Json.mapper().readValue(notification.get("Message").asText(), Event.class));
        assertEquals("request.approved", notification.at("/MessageAttributes/event_type/Value").asText());
        assertEquals("String", notification.at("/MessageAttributes/event_type/Type").asText());
    }

    /**
     * A justification may carry a lone surrogate (a JSON body can), which UTF-8 cannot: SNS would get a
     * '?' and subscribers an event that is not the one sealed. The envelope escapes it, as the store does.
     */
    @Test
    void textReachesSubscribersExactlyLoneSurrogatesIncluded() throws Exception {
        String topic = topic(false);
        String raw = queueSubscribedTo(topic, false, true, null);
        Event created = event("req-1", 1, EventType.REQUEST_CREATED, "prod-db", "pending");
        ((ObjectNode) created.data().get("request")).put("justification", "a\uD800b \uDC00 \uD83D\uDE00 é");
        created = EventChain.seal(created);

        try (Notifier notifier = notifier(topic)) {
            notifier.deliver(created);
        }

        Event received = Json.mapper().readValue(receiveAll(raw).get(0).body(), Event.class);
        assertEquals("a\uD800b \uDC00 \uD83D\uDE00 é", received.data().at("/request/justification").asText());
        assertEquals(created, received);
        assertEquals(EventChain.hash(received), received.hash());
    }

    @Test
    void aFilterPolicyPicksEventsByTheirAttributes() throws Exception {
        String topic = topic(false);
        String prodApprovals = queueSubscribedTo(topic, false, true,
                "{\"event_type\": [\"request.approved\"], \"profile\": [\"prod-db\"]}");
        String everything = queueSubscribedTo(topic, false, true, null);

        try (Notifier notifier = notifier(topic)) {
            notifier.deliver(event("req-1", 1, EventType.REQUEST_CREATED, "prod-db", "pending"));
            notifier.deliver(event("req-1", 2, EventType.REQUEST_APPROVED, "prod-db", "approved"));
            notifier.deliver(event("req-2", 1, EventType.REQUEST_CREATED, "staging", "pending"));
            notifier.deliver(event("req-2", 2, EventType.REQUEST_APPROVED, "staging", "approved"));
        }

        List<Message> picked = receiveAll(prodApprovals);
        assertEquals(1, picked.size());
        assertEquals("req-1", Json.mapper().readTree(picked.get(0).body()).get("requestId").asText());
        assertEquals(4, receiveAll(everything).size());
    }

    @Test
    void aFifoTopicKeepsEachRequestInOrderAndDropsRedeliveries() throws Exception {
        String topic = topic(true);
        String queue = queueSubscribedTo(topic, true, true, null);
        List<Event> a = new ArrayList<>();
        List<Event> b = new ArrayList<>();
        for (int sequence = 1; sequence <= 4; sequence++) {
            a.add(event("req-a", sequence, EventType.DECISION_RECORDED, "prod-db", "pending"));
            b.add(event("req-b", sequence, EventType.DECISION_RECORDED, "staging", "pending"));
        }

        try (Notifier notifier = notifier(topic)) {
            for (int i = 0; i < 4; i++) {
                notifier.deliver(a.get(i));
                notifier.deliver(b.get(i));
            }
            // The outbox delivers at least once: the same event again is the same message to SNS.
            notifier.deliver(a.get(1));
        }

        Map<String, List<Long>> sequences = new TreeMap<>();
        Map<String, String> groups = new HashMap<>();
        for (Message m : receiveAll(queue)) {
            JsonNode envelope = Json.mapper().readTree(m.body());
            String request = envelope.get("requestId").asText();
            sequences.computeIfAbsent(request, r -> new ArrayList<>()).add(envelope.get("sequence").asLong());
            groups.put(request, m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        }
        assertEquals(Map.of("req-a", List.of(1L, 2L, 3L, 4L), "req-b", List.of(1L, 2L, 3L, 4L)), sequences);
        assertEquals(Map.of("req-a", "req-a", "req-b", "req-b"), groups);
    }

    @Test
    void aTopicThatDoesNotExistIsNotWorthRetrying() {
        String missing = "arn:aws:sns:us-east-1:000000000000:no-such-topic-" + NAMES.incrementAndGet();
        try (Notifier notifier = notifier(missing)) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> notifier.deliver(event("req-1", 1, EventType.REQUEST_CREATED, "prod-db", "pending")));
            assertFalse(e.retryable());
            assertInstanceOf(NotFoundException.class, e.getCause());
        }
    }

    /** The notifier as the engine makes it: through the provider, with dummy credentials for loopback. */
    private static Notifier notifier(String topicArn) {
        return new SnsNotifierProvider().create(new NotifierSettings("sns",
                Map.of("topic-arn", topicArn, "endpoint", fauxqs.endpoint().toString()), name -> null));
    }

    static Event event(String requestId, long sequence, EventType type, String profile, String status) {
        ObjectNode data = Json.mapper().createObjectNode();
        ObjectNode request = data.putObject("request");
        request.put("id", requestId);
        request.put("requester", "carol");
        request.put("profile", profile);
        request.put("status", status);
        request.putArray("permissions").add("db:read");
        data.putObject("decision").put("approver", "alice").put("kind", "approve");
        return EventChain.seal(new Event(UUID.randomUUID().toString(), type,
                Instant.parse("2026-03-02T10:00:00.123Z").plusSeconds(sequence), "alice", requestId, sequence, data,
                null, null));
    }

    private static String topic(boolean fifo) {
        String name = "countersign-" + NAMES.incrementAndGet() + (fifo ? ".fifo" : "");
        CreateTopicRequest.Builder create = CreateTopicRequest.builder().name(name);
        if (fifo) {
            create.attributes(Map.of("FifoTopic", "true"));
        }
        return sns.createTopic(create.build()).topicArn();
    }

    private static String queueSubscribedTo(String topicArn, boolean fifo, boolean raw, String filterPolicy) {
        String name = "countersign-" + NAMES.incrementAndGet() + (fifo ? ".fifo" : "");
        CreateQueueRequest.Builder create = CreateQueueRequest.builder().queueName(name);
        if (fifo) {
            create.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        }
        String url = sqs.createQueue(create.build()).queueUrl();
        String arn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RawMessageDelivery", Boolean.toString(raw));
        if (filterPolicy != null) {
            attributes.put("FilterPolicy", filterPolicy);
        }
        sns.subscribe(SubscribeRequest.builder().topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(attributes).build());
        return url;
    }

    /**
     * Everything in the queue, in the order SQS hands it out. fauxqs fans a message out before Publish
     * returns, so an empty answer means there is no more.
     */
    private static List<Message> receiveAll(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID).build()).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(m);
                // Deleting as we go lets a FIFO queue hand out the next of the same group.
                sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                        .build());
            }
        }
    }

    private static Map<String, String> attributes(Message message) {
        Map<String, String> attributes = new TreeMap<>();
        message.messageAttributes().forEach((name, value) -> {
            assertEquals("String", value.dataType(), name);
            attributes.put(name, value.stringValue());
        });
        return attributes;
    }
}
