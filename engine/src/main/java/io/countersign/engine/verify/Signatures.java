package io.countersign.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Statement;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signature check of one person's action as its event carries it: the signature verifies with the
 * signer's key (in use or retired), and the signed statement says what the record says — same person,
 * request, action, words, the request they saw, the facts of policy the request was decided under, and
 * for an approval the grant as it stood once the approval counted. An unsigned action passes only where
 * the policy (not the stored request) accepts unsigned ones.
 */
final class Signatures {

    /** How far a signature's instant may lie from the recorded one. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final PublicKeys keys;
    private final boolean acceptsUnsigned;
    private final JsonNode created;

    /**
     * @param acceptsUnsigned what the policy says of unsigned actions on the request
     * @param created the request's first version as its first event records it: the facts statements name
     */
    Signatures(PublicKeys keys, boolean acceptsUnsigned, JsonNode created) {
        this.keys = keys;
        this.acceptsUnsigned = acceptsUnsigned;
        this.created = created;
    }

    /**
     * The outcome of one check: the problem (null when it holds), and for an approval whose signature
     * verifies the grant signed (even when the record does not say it).
     */
    record Checked(String problem, JsonNode grant) {
    }

    /** A person's decision, with the request as the event announcing it carries it. */
    Checked decision(JsonNode decision, JsonNode request) {
        String approver = text(decision, "approver");
        if (ApprovalDecision.POLICY.equals(approver)) {
            return new Checked(null, null);
        }
        String what = "decision " + text(decision, "decisionId") + " by " + approver;
        String action = action(text(decision, "decision"));
        JsonNode said = signed(decision.path("metadata"), approver, "decisions");
        if (said == null || said.isTextual()) {
            return new Checked(said == null ? null : what + said.asText(), null);
        }
        String mismatch = common(said, approver, text(decision, "requestId"), action, Statement.subject(request),
                text(decision, "decisionDate"));
        if (mismatch == null) {
            if ("delegate".equals(action)) {
                if (!text(said, "to").equals(decision.path("metadata").path("delegatedTo").asText())) {
                    mismatch = "signed a delegation to " + text(said, "to");
                }
            } else if (!Objects.equals(nullable(said, "rationale"), nullable(decision, "rationale"))) {
                mismatch = "the rationale differs";
            } else {
                mismatch = remarks(said, decision);
            }
        }
        if (mismatch == null && "approve".equals(action)) {
            JsonNode grant = said.get("grant");
            if (grant == null) {
                mismatch = "the statement names no grant";
            } else if (!EventChain.canonical(grant).equals(Grounds.signedForm(request.path("grant")))) {
                // The signature holds: what was signed still bounds the grant in force.
                return new Checked(what + " does not say what " + approver + " signed: the grant recorded with the"
                        + " approval is not the one signed (signed " + EventChain.canonical(grant) + ")", grant);
            } else {
                return new Checked(null, grant);
            }
        }
        return new Checked(mismatch == null ? null : what + " does not say what " + approver + " signed: " + mismatch,
                null);
    }

    /**
     * A submission or a cancellation: {@code signing} is what the event records ({@code signed}, and the
     * signature), {@code subject} the digest the statement must name.
     */
    String action(JsonNode signing, String actor, String requestId, String action, String subject, String time,
            String what) {
        JsonNode said = signed(signing == null ? Json.mapper().createObjectNode() : signing, actor, action + "s");
        if (said == null || said.isTextual()) {
            return said == null ? null : what + said.asText();
        }
        String mismatch = common(said, actor, requestId, action, subject, time);
        return mismatch == null ? null : what + " does not say what " + actor + " signed: " + mismatch;
    }

    /**
     * An audit note ({@code audit.noted}): signed by its author over the request as the event carries it,
     * naming the same decision and the same text.
     */
    String note(JsonNode signing, JsonNode note, String actor, String requestId, String subject, String time) {
        String what = "the audit note by " + actor;
        if (note == null || !note.isObject()) {
            return what + " records no note";
        }
        if (!actor.equals(text(note, "author"))) {
            return what + " names " + text(note, "author") + " as its author";
        }
        JsonNode said = signed(signing == null ? Json.mapper().createObjectNode() : signing, actor, "notes");
        if (said == null || said.isTextual()) {
            return said == null ? null : what + said.asText();
        }
        String mismatch = common(said, actor, requestId, "note", subject, time);
        if (mismatch == null && !text(said, "decisionId").equals(text(note, "decisionId"))) {
            mismatch = "signed for decision " + text(said, "decisionId");
        } else if (mismatch == null && !text(said, "rationale").equals(text(note, "text"))) {
            mismatch = "the text differs";
        }
        return mismatch == null ? null : what + " does not say what " + actor + " signed: " + mismatch;
    }

    /**
     * A follow-up marked done: the signature over its statement, which must name the follow-up the event
     * names (as the rationale) and the evidence it records.
     */
    String followUp(JsonNode data, String actor, String requestId, String time) {
        JsonNode f = data.path("followUp");
        String what = "follow-up " + f.path("id").asText() + " marked done by " + actor;
        JsonNode said = signed(data.has("signing") ? data.get("signing") : Json.mapper().createObjectNode(), actor,
                "follow-ups");
        if (said == null || said.isTextual()) {
            return said == null ? null : what + said.asText();
        }
        String mismatch = common(said, actor, requestId, "follow_up", Statement.subject(data.get("request")), time);
        if (mismatch == null && !text(said, "rationale").equals(f.path("id").asText())) {
            mismatch = "signed for follow-up " + text(said, "rationale");
        }
        if (mismatch == null && !listOf(said.get("evidenceProvided"), false).equals(listOf(f.get("evidence"), false))) {
            mismatch = "the evidence differs";
        }
        return mismatch == null ? null : what + " does not say what " + actor + " signed: " + mismatch;
    }

    /**
     * The signed statement when the signature verifies; null for an acceptable unsigned action; a text
     * node with the problem (after the action's name) otherwise. {@code kind}: "decisions", "submits", "cancels".
     */
    private JsonNode signed(JsonNode metadata, String actor, String kind) {
        JsonNode signed = metadata.get("signed");
        if (signed == null || !signed.isBoolean()) {
            return Json.mapper().getNodeFactory().textNode(" is neither signed nor marked unsigned");
        }
        if (!signed.booleanValue()) {
            return acceptsUnsigned ? null : Json.mapper().getNodeFactory().textNode(
                    " is unsigned, but the request's policy requires signed " + kind.replace("submits", "requests")
                            .replace("cancels", "cancellations").replace("notes", "audit notes")
                            .replace("follow-ups", "follow-up completions"));
        }
        JsonNode seal = metadata.path("signature");
        String fingerprint = seal.path("key").asText();
        String statement = seal.path("statement").asText();
        Optional<PublicKey> key = keys.find(actor, fingerprint);
        if (key.isEmpty()) {
            return Json.mapper().getNodeFactory().textNode(" is signed with key " + fingerprint + ", which keys/ does"
                    + " not hold for " + actor + " (in keys/" + actor + ".pub or keys/retired/" + actor + ".pub)");
        }
        if (!Statement.verifies(key.get(), statement, seal.path("value").asText())) {
            return Json.mapper().getNodeFactory().textNode(": " + actor
                    + "'s signature does not verify over the statement it carries");
        }
        try {
            return Json.mapper().readTree(statement);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(": the signed statement is not JSON");
        }
    }

    /** What every statement must say: version, who, which request, what action, the request seen, the facts, when. */
    private String common(JsonNode said, String actor, String requestId, String action, String subject, String time) {
        if (!Statement.FORMATS.contains(said.path("v").asInt())) {
            return "a statement of format " + said.path("v").asInt() + ", which names neither the grant nor the"
                    + " facts of policy";
        }
        if (!text(said, "actor").equals(actor)) {
            return "signed by " + text(said, "actor") + ", recorded as " + actor;
        }
        if (!text(said, "requestId").equals(requestId)) {
            return "signed for request " + text(said, "requestId");
        }
        if (!text(said, "action").equals(action)) {
            return "signed '" + text(said, "action") + "', recorded '" + action + "'";
        }
        if (!text(said, "subject").equals(subject)) {
            return "signed for other request content than the event carries";
        }
        if (!text(said, "policy").equals(text(created, "policyVersion"))) {
            return "signed for a request decided by policy set " + text(said, "policy") + ", recorded as decided by "
                    + text(created, "policyVersion");
        }
        if (said.path("acceptsUnsigned").asBoolean() != created.path("acceptsUnsigned").asBoolean()) {
            return "signed where unsigned actions were " + (said.path("acceptsUnsigned").asBoolean() ? "" : "not ")
                    + "accepted, recorded the other way";
        }
        try {
            Instant signedAt = Instant.parse(text(said, "signedAt"));
            Instant at = Instant.parse(time);
            if (Duration.between(signedAt, at).abs().compareTo(SKEW) > 0) {
                return "signed at " + signedAt + ", recorded at " + at;
            }
        } catch (DateTimeParseException e) {
            return "the signing or recorded time is not an instant";
        }
        return null;
    }

    /**
     * What differs between the remarks signed and those recorded — comments, confidence, consulted
     * parties, evidence — null when none does. A format-2 statement names no remarks, so a decision it
     * signed may record none.
     */
    private static String remarks(JsonNode said, JsonNode decision) {
        if (!Objects.equals(nullable(said, "comments"), nullable(decision, "comments"))) {
            return "the comments differ";
        }
        JsonNode signedLevel = said.get("confidenceLevel");
        JsonNode level = decision.get("confidenceLevel");
        boolean hasSigned = signedLevel != null && !signedLevel.isNull();
        boolean has = level != null && !level.isNull();
        if (hasSigned != has || has && (!signedLevel.isNumber() || !level.isNumber()
                || signedLevel.decimalValue().compareTo(level.decimalValue()) != 0)) {
            return "the confidence level differs";
        }
        for (String list : List.of("consultedParties", "evidenceProvided")) {
            if (!listOf(said.get(list), false).equals(listOf(decision.get(list), true))) {
                return "the " + (list.equals("consultedParties") ? "consulted parties differ" : "evidence differs");
            }
        }
        return null;
    }

    /** A list of remarks as canonical JSON: a statement's array, or a decision's JSON text of one; "[]" when absent. */
    private static String listOf(JsonNode n, boolean jsonText) {
        if (n == null || n.isNull()) {
            return "[]";
        }
        JsonNode list = n;
        if (jsonText) {
            try {
                list = Json.mapper().readTree(n.asText());
            } catch (JsonProcessingException e) {
                return "unreadable " + n.asText();
            }
        }
        return EventChain.canonical(list);
    }

    /** The statement's action for a recorded decision kind. */
    static String action(String kind) {
        return switch (kind) {
            case "approved", "conditional", "partial" -> "approve";
            case "denied" -> "deny";
            case "delegated" -> "delegate";
            case "escalated" -> "escalate";
            case "revoked" -> "revoke";
            default -> "?" + kind;
        };
    }

    static String text(JsonNode n, String field) {
        return n.path(field).asText();
    }

    private static String nullable(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
