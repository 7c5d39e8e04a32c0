package io.countersign.cli.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision's {@code complianceCheck} in {@code show}: the controls its deciding rules name, then what
 * was checked — each rule with its controls and the condition that held (or the attribute that could not
 * be evaluated), each stage's approvals with the authority and whether they were signed, how many
 * distinct people approved and whether signatures were required. Every text from the record is escaped
 * ({@link RequestText#t}): a policy's or a tampered record's text cannot forge the lines an auditor reads.
 */
final class ComplianceText {

    private ComplianceText() {
    }

    /** The lines, each {@code label: text}, of the check {@code n} (the property parsed); its escaped text when not the shape written. */
    static List<String> lines(JsonNode n, String raw) {
        List<String> out = new ArrayList<>();
        if (n == null || !n.isObject() || !n.path("controls").isArray()) {
            out.add("compliance: " + RequestText.t(raw));
            return out;
        }
        out.add("controls: " + texts(n.path("controls")));
        for (JsonNode r : n.path("rules")) {
            String rule = "checked: rule " + RequestText.t(r.path("rule").asText("?")) + " (" + texts(r.path("controls"))
                    + ")";
            if (r.hasNonNull("undetermined")) {
                rule += ": undetermined, " + RequestText.t(r.path("undetermined").asText()) + " unknown";
            } else if (r.hasNonNull("condition")) {
                rule += ": " + RequestText.t(r.path("condition").asText()) + " held";
            }
            out.add(rule);
        }
        if (n.hasNonNull("overrides")) {
            out.add("checked: overrides denial " + RequestText.t(n.path("overrides").asText()));
        }
        for (JsonNode s : n.path("approvals")) {
            List<String> by = new ArrayList<>();
            for (JsonNode a : s.path("approved_by")) {
                by.add(RequestText.t(a.path("approver").asText("?"))
                        + (a.hasNonNull("on_behalf_of") ? " for " + RequestText.t(a.path("on_behalf_of").asText()) : "")
                        + " (" + RequestText.t(a.path("authority").asText("?")) + ", "
                        + (a.path("signed").asBoolean() ? "signed" : "unsigned") + ")");
            }
            out.add("checked: stage " + s.path("stage").asInt() + ", " + s.path("need").asInt() + " needed: "
                    + String.join(", ", by));
        }
        if (n.has("distinct_approvers")) {
            out.add("checked: " + n.path("distinct_approvers").asInt() + " distinct approver"
                    + (n.path("distinct_approvers").asInt() == 1 ? "" : "s") + ", signatures "
                    + (n.path("signatures_required").asBoolean() ? "required" : "not required"));
        }
        return out;
    }

    private static String texts(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(i.isTextual() ? i.asText() : i.toString()));
        return RequestText.join(", ", items);
    }
}
