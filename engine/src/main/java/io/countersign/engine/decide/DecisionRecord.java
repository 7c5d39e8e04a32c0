package io.countersign.engine.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.compliance.ComplianceCheck;
import io.countersign.engine.compliance.RuleControls;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dresses a combined outcome as an {@link Evaluation} and, for an outcome decided at once, writes its
 * {@link ApprovalDecision}: approver {@code policy}, level {@code automatic}, authority
 * {@code policy:<rule>[,…]}, the risk assessment as JSON. Identifiers are derived from the policy
 * digest and the request, so the same inputs give the same record, byte for byte.
 */
final class DecisionRecord {

    private DecisionRecord() {
    }

    static Evaluation evaluation(Decided d, AccessRequest request, Instant at, String requestId,
            RiskAssessment risk, List<Evaluation.Undetermined> undetermined, String digest) {
        Grants g = d.grants();
        return new Evaluation(d.outcome(), requestId, at, g.duration(), g.permissions(), d.stages(), g.conditions(),
                g.stipulations(), g.followUps(), g.reviewDate(), g.renewable(), d.expireAfter(), d.selfApproval(),
                d.delegation(), risk, List.copyOf(d.rules()), List.copyOf(undetermined), d.rationale(), d.appealTo(),
                digest);
    }

    /**
     * The record of an evaluation policy decided at once; null while it is pending.
     *
     * @param controls what the deciding rules that name controls claim ({@code complianceCheck})
     */
    static ApprovalDecision of(Evaluation e, AccessRequest request, List<RuleControls> controls) {
        if (e.outcome() == Outcome.PENDING) {
            return null;
        }
        ObjectMapper json = Json.mapper();
        boolean granted = e.outcome().grants();
        Instant at = e.at();
        Instant start = request.startAt() != null && request.startAt().toInstant().isAfter(at)
                ? request.startAt().toInstant() : at;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("policyVersion", e.policyVersion());
        metadata.put("rules", e.rules());
        if (granted) {
            metadata.put("grantedDuration", e.duration().toString());
            metadata.put("grantedPermissions", e.permissions());
        }
        String escalation = e.appealTo().isEmpty() ? null
                : "The requester may appeal to " + String.join(", ", e.appealTo());
        return ApprovalDecision.builder()
                .decisionId(id("decision", e.policyVersion(), request, at).toString())
                .requestId(e.requestId())
                .approver(ApprovalDecision.POLICY)
                .decision(kind(e.outcome()))
                .decisionDate(at)
                .rationale(e.rationale())
                .approvalLevel(ApprovalLevel.AUTOMATIC)
                .authoritySource(e.rules().isEmpty() ? "policy" : "policy:" + String.join(",", e.rules()))
                .conditions(granted && !e.conditions().isEmpty() ? write(json, e.conditions()) : null)
                .stipulations(granted && !e.stipulations().isEmpty() ? String.join("; ", e.stipulations()) : null)
                .partialGrants(e.outcome() == Outcome.PARTIAL ? write(json, e.permissions()) : null)
                .riskAssessment(write(json, e.risk().json()))
                .complianceCheck(ComplianceCheck.ofPolicy(controls, undetermined(e, controls)))
                .escalationReason(escalation)
                .reviewRequired(granted && e.reviewDate() != null ? Boolean.TRUE : null)
                .reviewDate(granted ? e.reviewDate() : null)
                .expiryDate(granted ? start.plus(e.duration()) : null)
                .autoRenewable(granted ? e.renewable() : null)
                .followUpActions(granted && !e.followUps().isEmpty() ? write(json, followUps(e.followUps())) : null)
                .isActive(Boolean.TRUE)
                .metadata(metadata)
                .createdAt(at)
                .build();
    }

    /** The rules among {@code controls} that were counted without being evaluated, with what they lacked. */
    private static Map<String, String> undetermined(Evaluation e, List<RuleControls> controls) {
        if (controls.isEmpty() || e.undetermined().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        e.undetermined().forEach(u -> out.putIfAbsent(u.rule(), u.missing()));
        return out;
    }

    private static DecisionKind kind(Outcome o) {
        return switch (o) {
            case APPROVED -> DecisionKind.APPROVED;
            case CONDITIONAL -> DecisionKind.CONDITIONAL;
            case PARTIAL -> DecisionKind.PARTIAL;
            default -> DecisionKind.DENIED;
        };
    }

    private static List<Map<String, Object>> followUps(List<Evaluation.FollowUp> followUps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Evaluation.FollowUp f : followUps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", f.action());
            m.put("due_date", f.due().toString());
            out.add(m);
        }
        return out;
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision values are plain JSON", e);
        }
    }

    /** A name-based UUID (SHA-256, version 8) of the policy digest, the request and the instant. */
    static UUID id(String kind, String digest, AccessRequest request, Instant at) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(digest.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Json.mapper().writeValueAsBytes(request));
            sha.update((byte) 0);
            sha.update(at.toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.wrap(sha.digest());
            long hi = (b.getLong() & ~0xF000L) | 0x8000L;
            long lo = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
