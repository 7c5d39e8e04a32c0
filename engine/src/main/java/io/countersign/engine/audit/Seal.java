package io.countersign.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.json.Json;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.workflow.Workflow;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The signature check of one recorded decision, as its {@code decision.recorded} event carries it:
 * the signature verifies with the signer's key (in use or retired), and the signed statement says what
 * the decision says — same person, request, action, words, and the request they saw.
 */
final class Seal {

    private Seal() {
    }

    /** What is wrong with the decision's signature, or null when it holds. */
    static String check(JsonNode decision, JsonNode request, PublicKeys keys) {
        String approver = decision.path("approver").asText();
        if (ApprovalDecision.POLICY.equals(approver)) {
            return null;
        }
        String id = decision.path("decisionId").asText();
        JsonNode metadata = decision.path("metadata");
        JsonNode signed = metadata.get("signed");
        if (signed == null || !signed.isBoolean()) {
            return "decision " + id + " by " + approver + " is neither signed nor marked unsigned";
        }
        if (!signed.booleanValue()) {
            return request != null && request.path("acceptsUnsigned").asBoolean(false) ? null
                    : "decision " + id + " by " + approver + " is unsigned, but the request's policy requires signed"
                            + " decisions";
        }
        JsonNode seal = metadata.path("signature");
        String fingerprint = seal.path("key").asText();
        String statement = seal.path("statement").asText();
        Optional<PublicKey> key = keys.find(approver, fingerprint);
        if (key.isEmpty()) {
            return "decision " + id + " is signed with key " + fingerprint + ", which keys/ does not hold for "
                    + approver + " (in keys/" + approver + ".pub or keys/retired/" + approver + ".pub)";
        }
        if (!Statement.verifies(key.get(), statement, seal.path("value").asText())) {
            return "decision " + id + ": " + approver + "'s signature does not verify over the statement it carries";
        }
        JsonNode said;
        try {
            said = Json.mapper().readTree(statement);
        } catch (JsonProcessingException e) {
            return "decision " + id + ": the signed statement is not JSON";
        }
        String mismatch = mismatch(decision, request, said);
        return mismatch == null ? null : "decision " + id + " does not say what " + approver + " signed: " + mismatch;
    }

    private static String mismatch(JsonNode decision, JsonNode request, JsonNode said) {
        if (!text(said, "actor").equals(text(decision, "approver"))) {
            return "signed by " + text(said, "actor") + ", recorded as " + text(decision, "approver");
        }
        if (!text(said, "requestId").equals(text(decision, "requestId"))) {
            return "signed for request " + text(said, "requestId");
        }
        String action = action(text(decision, "decision"));
        if (!text(said, "action").equals(action)) {
            return "signed '" + text(said, "action") + "', recorded '" + text(decision, "decision") + "'";
        }
        if (request == null || !text(said, "subject").equals(Statement.subject(request))) {
            return "signed for other request content than the event carries";
        }
        if ("delegate".equals(action)) {
            if (!text(said, "to").equals(decision.path("metadata").path("delegatedTo").asText())) {
                return "signed a delegation to " + text(said, "to");
            }
        } else if (!Objects.equals(nullable(said, "rationale"), nullable(decision, "rationale"))) {
            return "the rationale differs";
        }
        try {
            Instant signedAt = Instant.parse(text(said, "signedAt"));
            Instant decided = Instant.parse(text(decision, "decisionDate"));
            if (Duration.between(signedAt, decided).abs().compareTo(Workflow.SIGNATURE_SKEW) > 0) {
                return "signed at " + signedAt + ", recorded at " + decided;
            }
        } catch (DateTimeParseException e) {
            return "the signing or decision time is not an instant";
        }
        return null;
    }

    /** The statement's action for a recorded decision kind. */
    private static String action(String kind) {
        switch (kind) {
            case "approved":
            case "conditional":
            case "partial":
                return "approve";
            case "denied":
                return "deny";
            case "delegated":
                return "delegate";
            case "escalated":
                return "escalate";
            case "revoked":
                return "revoke";
            default:
                return "?" + kind;
        }
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).asText();
    }

    private static String nullable(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
