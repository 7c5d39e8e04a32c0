package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.compliance.ComplianceCheck;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the person's decision that approved a request states the compliance check its request gives:
 * the controls policy named at submission and the approvals the request records, each signed as its
 * decision says. An insider who rewrites a chain could otherwise make a decision claim a control was met
 * by approvals it never had (policy's own decisions are made again by {@link PolicyJudge}).
 */
final class StatedCompliance {

    private StatedCompliance() {
    }

    static void check(List<Event> events, List<Finding> out) {
        Map<String, Boolean> signed = new HashMap<>();
        for (Event e : events) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            if (d != null) {
                signed.put(Signatures.text(d, "decisionId"), d.path("metadata").path("signed").asBoolean(false));
            }
        }
        for (Event e : events) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            JsonNode r = e.data() == null ? null : e.data().get("request");
            if (e.type() != EventType.REQUEST_APPROVED || d == null || r == null
                    || ApprovalDecision.POLICY.equals(Signatures.text(d, "approver"))) {
                continue;
            }
            String expected;
            try {
                com.fasterxml.jackson.databind.node.ObjectNode tree = r.deepCopy();
                tree.put("eventSequence", e.sequence()); // an event's request is written without its chain head
                StoredRequest request = Json.mapper().treeToValue(tree, StoredRequest.class);
                String overrides = d.hasNonNull("overrides") ? d.get("overrides").asText() : null;
                expected = ComplianceCheck.ofApproval(request.compliance(), request.stages(), request.acceptsUnsigned(),
                        signed, overrides);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException unreadable) {
                continue; // an unreadable request is reported where it is read
            }
            String stated = d.hasNonNull("complianceCheck") ? d.get("complianceCheck").asText() : null;
            if (!same(expected, stated)) {
                out.add(new Finding(e.sequence(), e.id(), "decision " + Signatures.text(d, "decisionId") + " by "
                        + Signatures.text(d, "approver") + " states another compliance check than its request gives"));
            }
        }
    }

    private static boolean same(String expected, String stated) {
        if (expected == null || stated == null) {
            return expected == null && stated == null;
        }
        try {
            return EventChain.canonical(Json.mapper().readTree(expected))
                    .equals(EventChain.canonical(Json.mapper().readTree(stated)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }
}
