package io.countersign.engine.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import java.math.BigDecimal;
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
 * What a person signs when they act: the action, the request (its id and a digest of what was asked),
 * who they are, their words and terms, what the grant is once they approve, the facts of policy that
 * make the action acceptable, and when. Its canonical text — JSON, keys sorted, no whitespace, absent
 * and empty values left out — is what the signature covers, behind a fixed prefix so a Countersign
 * signature can never be passed off as one over anything else.
 *
 * @param subject {@link #subject(JsonNode)} of the request (for a submission {@link #submission(JsonNode)}):
 *     the signer vouches for what they saw asked
 * @param rationale the rationale, reason or comment given with the decision
 * @param duration an approver's narrower duration (approve only)
 * @param permissions an approver's narrower permissions (approve only)
 * @param conditions conditions an approver adds (approve only)
 * @param stipulations stipulations an approver adds (approve only)
 * @param comments the decider's additional comments (approve, deny)
 * @param confidenceLevel the decider's confidence, 0 to 1 (approve, deny)
 * @param consultedParties people or teams the decider consulted (approve, deny)
 * @param evidenceProvided links and ticket references the decision rests on (approve, deny)
 * @param to the delegate (delegate only)
 * @param grant the grant as it stands once this approval is counted (approve only): nothing wider can
 *     be made of the approval later
 * @param facts the policy set that decided the request and whether it accepts unsigned actions
 * @param decisionId the decision an audit note is about (note only); the note's text is {@code rationale}
 */
public record Statement(Action action, String requestId, String subject, String actor, String rationale,
        Duration duration, List<String> permissions, Map<String, Object> conditions, List<String> stipulations,
        String comments, BigDecimal confidenceLevel, List<String> consultedParties, List<String> evidenceProvided,
        String to, Grant grant, Facts facts, Instant signedAt, String decisionId) {

    /**
     * The version of the statement's format; part of the signed text. Format 3 adds the decider's
     * remarks (comments, confidence, consulted parties, evidence); a format-2 statement names none, and
     * still verifies for a decision that records none ({@link #FORMATS}).
     */
    public static final int VERSION = 3;
    /** The formats a check accepts: statements signed under format 2 stay valid. */
    public static final java.util.Set<Integer> FORMATS = java.util.Set.of(2, 3);
    private static final String PREFIX = "countersign-decision\n";
    /** The request fields a decision vouches for: what was asked, by whom, when; never a mutable status. */
    private static final List<String> SUBJECT_FIELDS = List.of("id", "requester", "profile", "permissions", "duration",
            "startAt", "justification", "ticket", "createdAt");
    /**
     * The fields a requester vouches for when they ask: what they ask and the facts they assert
     * (context), before the engine stamps a creation time on it.
     */
    private static final List<String> SUBMISSION_FIELDS = List.of("id", "requester", "profile", "permissions",
            "duration", "startAt", "justification", "ticket", "context");

    /**
     * The actions a person signs. {@code FOLLOW_UP} marks a follow-up done: its statement names the
     * follow-up's id as the rationale and the evidence as {@code evidenceProvided}.
     */
    public enum Action {
        SUBMIT, APPROVE, DENY, DELEGATE, ESCALATE, REVOKE, CANCEL,
        /** An auditor's note on a decision, made later: it changes nothing, and is signed like an action. */
        NOTE,
        FOLLOW_UP;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A grant as an approval leaves it. */
    public record Grant(Duration duration, List<String> permissions, Map<String, Object> conditions,
            List<String> stipulations) {
        public Grant {
            Objects.requireNonNull(duration, "duration");
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
            conditions = conditions == null ? Map.of() : conditions;
            stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
        }

        ObjectNode json() {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("duration", duration.toString());
            permissions.forEach(n.putArray("permissions")::add);
            n.set("conditions", Json.mapper().valueToTree(conditions));
            stipulations.forEach(n.putArray("stipulations")::add);
            return n;
        }
    }

    /**
     * What made the action acceptable, from the policy set, never from the stored request: the digest
     * of the set that decided the request, and whether it accepts unsigned actions on it.
     */
    public record Facts(String policy, boolean acceptsUnsigned) {
        public Facts {
            Objects.requireNonNull(policy, "policy");
        }
    }

    public Statement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(signedAt, "signedAt");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        conditions = conditions == null ? Map.of() : conditions;
        stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
        consultedParties = consultedParties == null ? List.of() : List.copyOf(consultedParties);
        evidenceProvided = evidenceProvided == null ? List.of() : List.copyOf(evidenceProvided);
    }

    /** A statement without remarks: a submission, a delegation, or a decision that adds none. */
    public Statement(Action action, String requestId, String subject, String actor, String rationale,
            Duration duration, List<String> permissions, Map<String, Object> conditions, List<String> stipulations,
            String to, Grant grant, Facts facts, Instant signedAt) {
        this(action, requestId, subject, actor, rationale, duration, permissions, conditions, stipulations, null, null,
                List.of(), List.of(), to, grant, facts, signedAt, null);
    }

    /** A statement with the decider's remarks, about no particular decision: every action but a note. */
    public Statement(Action action, String requestId, String subject, String actor, String rationale,
            Duration duration, List<String> permissions, Map<String, Object> conditions, List<String> stipulations,
            String comments, BigDecimal confidenceLevel, List<String> consultedParties, List<String> evidenceProvided,
            String to, Grant grant, Facts facts, Instant signedAt) {
        this(action, requestId, subject, actor, rationale, duration, permissions, conditions, stipulations, comments,
                confidenceLevel, consultedParties, evidenceProvided, to, grant, facts, signedAt, null);
    }

    /**
     * An auditor's note on decision {@code decisionId} of a request: its text is the statement's
     * {@code rationale}, and {@code subject} the request's, so a note cannot be moved to another
     * request, another decision, or reworded.
     */
    public static Statement note(String requestId, String subject, String actor, String decisionId, String text,
            Facts facts, Instant signedAt) {
        return new Statement(Action.NOTE, requestId, subject, actor, text, null, List.of(), Map.of(), List.of(), null,
                null, List.of(), List.of(), null, null, facts, signedAt, Objects.requireNonNull(decisionId, "decisionId"));
    }

    /** The same statement signed at another instant: what a signature's own {@code signedAt} says. */
    public Statement signedAt(Instant at) {
        return new Statement(action, requestId, subject, actor, rationale, duration, permissions, conditions,
                stipulations, comments, confidenceLevel, consultedParties, evidenceProvided, to, grant, facts, at,
                decisionId);
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
        if (comments != null) {
            n.put("comments", comments);
        }
        if (confidenceLevel != null) {
            n.put("confidenceLevel", confidenceLevel);
        }
        if (!consultedParties.isEmpty()) {
            consultedParties.forEach(n.putArray("consultedParties")::add);
        }
        if (!evidenceProvided.isEmpty()) {
            evidenceProvided.forEach(n.putArray("evidenceProvided")::add);
        }
        if (to != null) {
            n.put("to", to);
        }
        if (grant != null) {
            n.set("grant", grant.json());
        }
        if (decisionId != null) {
            n.put("decisionId", decisionId);
        }
        n.put("policy", facts.policy());
        n.put("acceptsUnsigned", facts.acceptsUnsigned());
        n.put("signedAt", signedAt.toString());
        return EventChain.canonical(n);
    }

    /** The canonical form of a grant as a statement holds it: what a check compares a recorded grant with. */
    public static String canonical(Grant grant) {
        return EventChain.canonical(grant.json());
    }

    /** The bytes a signature covers for this canonical text. */
    static byte[] signed(String canonical) {
        return (PREFIX + canonical).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code signature} is this statement signed with the private half of {@code key}. */
    public boolean verifies(PublicKey key, Signature signature) {
        return signature.signedAt().equals(signedAt) && verifies(key, canonical(), signature.value());
    }

    /**
     * Signatures found valid, by key, text and value. An Ed25519 verification costs about a millisecond
     * on the JDK, and the access check verifies a grant's signatures on every call: a signature that
     * verified once verifies forever, so a hit is as good as the check. Only successes are kept, and
     * the cache is emptied when full.
     */
    private static final Map<String, Boolean> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VERIFIED_MAX = 8192;

    /** Whether {@code value} (base64) is {@code canonical} signed with the private half of {@code key}. */
    public static boolean verifies(PublicKey key, String canonical, String value) {
        String seen = Base64.getEncoder().encodeToString(key.getEncoded()) + "\n" + value + "\n" + canonical;
        if (VERIFIED.containsKey(seen)) {
            return true;
        }
        boolean ok = verify(key, canonical, value);
        if (ok) {
            if (VERIFIED.size() >= VERIFIED_MAX) {
                VERIFIED.clear();
            }
            VERIFIED.put(seen, Boolean.TRUE);
        }
        return ok;
    }

    private static boolean verify(PublicKey key, String canonical, String value) {
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
        return digest(request, SUBJECT_FIELDS);
    }

    /**
     * The subject of a submission: what the requester asks and asserts — id, requester, profile,
     * permissions, duration, start, justification, ticket and context — from the request as sent or as
     * stored. The creation time is not in it: the engine sets it after the requester signed.
     */
    public static String submission(JsonNode request) {
        return digest(request, SUBMISSION_FIELDS);
    }

    private static String digest(JsonNode request, List<String> fields) {
        ObjectNode n = Json.mapper().createObjectNode();
        for (String f : fields) {
            JsonNode v = request.get(f);
            if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
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
