package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the person's decision that approved a request states the grant it made: since such a
 * decision carries the whole grant (as policy's own does), an insider who rewrites a chain could make it
 * say something milder than what is in force; this compares the two.
 */
final class StatedGrants {

    private StatedGrants() {
    }

    /**
     * A person's approval that approved the request states the whole grant it made (it says
     * {@code autoRenewable}; approvals recorded before then stated only their additions): its conditions,
     * stipulations, renewal and expiry must be the grant and window of the request it left.
     */
    static void check(List<Event> events, List<Finding> out) {
        for (Event e : events) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            JsonNode r = e.data() == null ? null : e.data().get("request");
            if (e.type() != EventType.REQUEST_APPROVED || d == null || r == null || !d.has("autoRenewable")
                    || ApprovalDecision.POLICY.equals(Signatures.text(d, "approver"))) {
                continue;
            }
            JsonNode g = r.path("grant");
            String problem = null;
            JsonNode conditions = g.path("conditions").isEmpty() ? null : g.path("conditions");
            String stated = EventChain.canonical(readJson(d.get("conditions")));
            String made = conditions == null ? "null" : EventChain.canonical(conditions);
            if (!numbersAlike(readJson(d.get("conditions"))).equals(numbersAlike(conditions))) {
                problem = "its conditions differ from the request's (" + stated + " where the request has " + made
                        + ")";
            } else if (!String.join("; ", textList(g.path("stipulations")))
                    .equals(d.path("stipulations").asText(""))) {
                problem = "its stipulations differ from the request's";
            } else if (d.path("autoRenewable").asBoolean() != g.path("renewable").asBoolean()) {
                problem = "its renewal differs from the request's";
            } else if (!d.path("expiryDate").asText("").equals(r.path("accessEnd").asText(""))) {
                problem = "its expiry differs from the end of the request's access";
            }
            if (problem != null) {
                out.add(new Finding(e.sequence(), e.id(), "decision " + Signatures.text(d, "decisionId") + " by "
                        + Signatures.text(d, "approver") + " states another grant than the one it made: " + problem));
            }
        }
    }

    /** A decision's JSON text as JSON; JSON null when absent, a text node when unreadable. */
    private static JsonNode readJson(JsonNode text) {
        if (text == null || text.isNull()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(text.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return text;
        }
    }

    /** Canonical JSON with every number in one form: 10000 and 1E+4 are the same condition value. */
    private static String numbersAlike(JsonNode n) {
        return n == null ? "null" : EventChain.canonical(alike(n));
    }

    private static JsonNode alike(JsonNode n) {
        if (n.isNumber()) {
            return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(n.decimalValue().stripTrailingZeros());
        }
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = Json.mapper().createObjectNode();
            n.properties().forEach(p -> o.set(p.getKey(), alike(p.getValue())));
            return o;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = Json.mapper().createArrayNode();
            n.forEach(v -> a.add(alike(v)));
            return a;
        }
        return n;
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

}
