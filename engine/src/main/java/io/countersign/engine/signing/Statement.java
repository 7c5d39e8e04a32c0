package io.countersign.engine.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a person signs when they decide: the action, the request (its id and a digest of what was
 * asked), who they are, their words and terms, and when. Its canonical text — JSON, keys sorted, no
 * whitespace, absent and empty values left out — is what the signature covers, behind a fixed prefix
 * so a Countersign signature can never be passed off as one over anything else.
 *
 * @param subject {@link #subject(JsonNode)} of the request: the signer vouches for what they saw asked
 * @param rationale the rationale, reason or comment given with the decision
 * @param duration an approver's narrower duration (approve only)
 * @param permissions an approver's narrower permissions (approve only)
 * @param conditions conditions an approver adds (approve only)
 * @param stipulations stipulations an approver adds (approve only)
 * @param to the delegate (delegate only)
 */
public record Statement(Action action, String requestId, String subject, String actor, String rationale,
        Duration duration, List<String> permissions, Map<String, Object> conditions, List<String> stipulations,
        String to, Instant signedAt) {

    /** The version of the statement's format; part of the signed text. */
    public static final int VERSION = 1;
    private static final String PREFIX = "countersign-decision\n";
    /** The request fields a decision vouches for: what was asked, by whom, when; never a mutable status. */
    private static final List<String> SUBJECT_FIELDS = List.of("id", "requester", "profile", "permissions", "duration",
            "startAt", "justification", "ticket", "createdAt");

    /** The decisions a person signs. */
    public enum Action {
        APPROVE, DENY, DELEGATE, ESCALATE, REVOKE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Statement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(signedAt, "signedAt");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        conditions = conditions == null ? Map.of() : conditions;
        stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
    }

    /** The canonical text: what is signed (after the prefix) and what the decision keeps. */
    public String canonical() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("v", VERSION);
        n.put("action", action.text());
        n.put("requestId", requestId);
        n.put("subject", subject);
        n.put("actor", actor);
        if (rationale != null) {
            n.put("rationale", rationale);
        }
        if (duration != null) {
            n.put("duration", duration.toString());
        }
        if (!permissions.isEmpty()) {
            permissions.forEach(n.putArray("permissions")::add);
        }
        if (!conditions.isEmpty()) {
            n.set("conditions", Json.mapper().valueToTree(conditions));
        }
        if (!stipulations.isEmpty()) {
            stipulations.forEach(n.putArray("stipulations")::add);
        }
        if (to != null) {
            n.put("to", to);
        }
        n.put("signedAt", signedAt.toString());
        return EventChain.canonical(n);
    }

    /** The bytes a signature covers for this canonical text. */
    static byte[] signed(String canonical) {
        return (PREFIX + canonical).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code signature} is this statement signed with the private half of {@code key}. */
    public boolean verifies(PublicKey key, Signature signature) {
        return signature.signedAt().equals(signedAt) && verifies(key, canonical(), signature.value());
    }

    /** Whether {@code value} (base64) is {@code canonical} signed with the private half of {@code key}. */
    public static boolean verifies(PublicKey key, String canonical, String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            java.security.Signature v = java.security.Signature.getInstance(SigningKey.ALGORITHM);
            v.initVerify(key);
            v.update(signed(canonical));
            return v.verify(raw);
        } catch (GeneralSecurityException e) {
            // a key of another algorithm, a malformed signature: it does not verify
            return false;
        }
    }

    /**
     * A digest (SHA-256, hex) of what a request asks, from its JSON as stored or as an event carries
     * it: id, requester, profile, permissions, duration, start, justification, ticket and creation time.
     */
    public static String subject(JsonNode request) {
        ObjectNode n = Json.mapper().createObjectNode();
        for (String f : SUBJECT_FIELDS) {
            JsonNode v = request.get(f);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                n.set(f, v);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EventChain.canonical(n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
