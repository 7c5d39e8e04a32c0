package io.countersign.notify.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.notify.DeliveryException;
import io.countersign.engine.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.KmsThrottlingException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.ThrottledException;

/**
 * Publishes each event's envelope, as JSON, to one SNS topic. The message attributes {@code event_type},
 * {@code profile} and {@code status} let a subscription's filter policy pick events without parsing the
 * body. On a FIFO topic the request id is the message group, so one request's events arrive in order
 * while different requests' do not wait on each other, and the event id is the de-duplication id, so a
 * redelivery from the outbox within SNS's five-minute window reaches nobody twice.
 */
public final class SnsNotifier implements Notifier {

    private static final String STRING = "String";

    private final SnsClient client;
    private final String topicArn;
    private final boolean fifo;

    /** Owns {@code client}: {@link #close()} closes it. */
    public SnsNotifier(SnsClient client, String topicArn) {
        this.client = Objects.requireNonNull(client, "client");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.fifo = topicArn.endsWith(".fifo");
    }

    @Override
    public String name() {
        return "sns";
    }

    public String topicArn() {
        return topicArn;
    }

    @Override
    public void deliver(Event event) throws DeliveryException {
        String body;
        try {
            // A lone surrogate (a JSON body can carry one) goes as its escape: SNS's UTF-8 would make it '?'.
            body = Json.portable(event);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("event " + event.id() + " cannot be written as JSON: " + e.getOriginalMessage(),
                    false, e);
        }
        PublishRequest.Builder publish = PublishRequest.builder()
                .topicArn(topicArn)
                .message(body)
                .messageAttributes(attributes(event));
        if (fifo) {
            publish.messageGroupId(event.requestId()).messageDeduplicationId(event.id());
        }
        try {
            client.publish(publish.build());
        } catch (AwsServiceException e) {
            throw new DeliveryException("SNS refused event " + event.id() + " for " + topicArn + ": "
                    + e.getMessage(), retryable(e), e);
        } catch (SdkClientException e) {
            // No answer from SNS: a refused connection, a timeout, credentials not there yet. Nothing says
            // the next attempt fails too, and a wrong guess here sends the event to the dead letters.
            throw new DeliveryException("cannot reach SNS for " + topicArn + ": " + e.getMessage(), true, e);
        }
    }

    /**
     * SNS answers throttling with 400 as often as with 429, so the status code alone would send a
     * throttled event to the dead letters. A skewed clock is corrected by the SDK after the first
     * failure, so the next attempt passes.
     */
    static boolean retryable(AwsServiceException e) {
        return e.isThrottlingException() || e instanceof ThrottledException || e instanceof KmsThrottlingException
                || e.isClockSkewException() || e.statusCode() >= 500;
    }

    private static Map<String, MessageAttributeValue> attributes(Event event) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("event_type", string(event.type().toString()));
        JsonNode request = event.data() == null ? null : event.data().get("request");
        if (request != null) {
            // SNS refuses an empty attribute value: a missing field is left out rather than sent blank.
            for (String field : new String[] {"profile", "status"}) {
                JsonNode value = request.get(field);
                if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                    attributes.put(field, string(value.asText()));
                }
            }
        }
        return attributes;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType(STRING).stringValue(value).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
