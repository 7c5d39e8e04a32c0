package io.countersign.cli.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines under one decision in {@code show}: what the decider added for the record (comments,
 * confidence, who they consulted, the evidence), the follow-ups a grant it made carries, with their
 * due dates, the controls it meets with what was checked ({@link ComplianceText}), and what came after it: the notifiers its events were delivered to and auditors' notes. The risk assessed is in {@code --output json}: it varies with the hour, which would make
 * the text differ run to run. Every text is escaped ({@link RequestText#t}): a comment cannot forge
 * the lines an auditor reads.
 */
final class DecisionText {

    private DecisionText() {
    }

    static void details(ApprovalDecision d, StringBuilder out) {
        line(out, "comments", d.comments() == null ? null : RequestText.t(d.comments()));
        line(out, "confidence", d.confidenceLevel() == null ? null : d.confidenceLevel().toPlainString());
        line(out, "consulted", list(d.consultedParties()));
        line(out, "evidence", list(d.evidenceProvided()));
        line(out, "follow-ups", followUps(d.followUpActions()));
        if (d.complianceCheck() != null) {
            for (String l : ComplianceText.lines(read(d.complianceCheck()), d.complianceCheck())) {
                out.append("      ").append(l).append('\n');
            }
        }
        line(out, "notified", notified(d.notificationsSent()));
        JsonNode notes = read(d.auditNotes());
        if (notes != null && notes.isArray()) {
            for (JsonNode n : notes) {
                line(out, "audit note", RequestText.t(n.path("at").asText()) + " " + RequestText.t(n.path("author").asText())
                        + (n.path("signed").asBoolean() ? " (signed)" : " (unsigned)") + ": "
                        + RequestText.t(n.path("text").asText()));
            }
        } else if (d.auditNotes() != null) {
            line(out, "audit notes", RequestText.t(d.auditNotes()));
        }
    }

    /** The notifiers each event of the decision went to: "webhook (request.approved), sns (request.approved)". */
    private static String notified(String json) {
        JsonNode n = read(json);
        if (n == null || !n.isArray()) {
            return json == null ? null : RequestText.t(json);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode s : n) {
            items.add(s.path("type").asText("?") + " (" + s.path("event").asText("?") + ")");
        }
        return RequestText.join(", ", items);
    }

    private static void line(StringBuilder out, String label, String text) {
        if (text != null && !text.isEmpty()) {
            out.append("      ").append(label).append(": ").append(text).append('\n');
        }
    }

    /** A JSON array of texts, joined; any other JSON as its (escaped) text. */
    private static String list(String json) {
        JsonNode n = read(json);
        if (n == null) {
            return json == null ? null : RequestText.t(json);
        }
        if (!n.isArray()) {
            return RequestText.t(n.toString());
        }
        List<String> items = new ArrayList<>();
        n.forEach(i -> items.add(i.isTextual() ? i.asText() : i.toString()));
        return RequestText.join(", ", items);
    }

    private static String followUps(String json) {
        JsonNode n = read(json);
        if (n == null || !n.isArray()) {
            return json == null ? null : RequestText.t(json);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode f : n) {
            String due = f.path("due_date").asText(null);
            items.add(f.path("action").asText("?") + (due == null ? "" : " due " + due));
        }
        return RequestText.join(", ", items);
    }

    private static JsonNode read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
