package io.countersign.engine.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code Countersign-Signature: v1=<hex HMAC-SHA256(secret, timestamp "." body)>}
 * with {@code Countersign-Timestamp: <epoch seconds>}. Signing the timestamp with the body lets a
 * receiver refuse replays of an old delivery; comparing in constant time gives nothing away.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "Countersign-Signature";
    public static final String TIMESTAMP_HEADER = "Countersign-Timestamp";
    public static final String EVENT_ID_HEADER = "Countersign-Event-Id";
    public static final String EVENT_TYPE_HEADER = "Countersign-Event-Type";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String sign(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return "v1=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /**
     * What a receiver does: true when the signature is ours and the timestamp is within {@code tolerance}
     * of {@code now}.
     */
    public static boolean verify(byte[] secret, String timestampHeader, byte[] body, String signatureHeader,
            Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
