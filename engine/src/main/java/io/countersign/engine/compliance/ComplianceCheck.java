package io.countersign.engine.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a decision's {@code complianceCheck} (docs/workflow.md "complianceCheck"): JSON text, as the
 * seed carries its structured properties, or null when no deciding rule names a control — absent, never
 * an empty shell.
 *
 * <pre>
 * {"controls": ["SOX-404", "ISO27001-A.9.2"],
 *  "rules": [{"rule": "finance/ledger-admin", "controls": [...], "condition": "profile == \"ledger\""}],
 *  "approvals": [{"stage": 1, "need": 2, "approved_by": [{"approver": "bob",
 *                 "authority": "group:finance-leads", "signed": true}, ...]}],
 *  "distinct_approvers": 2, "signatures_required": true}
 * </pre>
 */
public final class ComplianceCheck {

    private ComplianceCheck() {
    }

    /**
     * The check of a decision policy made at once.
     *
     * @param rules the deciding rules that name controls
     * @param undetermined rule id to the attribute it lacked, for a denial that counted a rule it could
     *     not evaluate (fail closed): that rule's condition did not hold, it was unknown
     */
    public static String ofPolicy(List<RuleControls> rules, Map<String, String> undetermined) {
        if (rules.isEmpty()) {
            return null;
        }
        Map<String, Object> out = head(rules, undetermined);
        return write(out);
    }

    /**
     * The check of the decision that approves a request people approved: the controls its rules named
     * at submission ({@link StoredRequest#compliance}), the approvals of every stage, and for each
     * whether it was signed.
     *
     * @param rules what the request's deciding rules claimed at submission (null or empty: none)
     * @param stages the request's stages, every one complete (as the approval writes them)
     * @param acceptsUnsigned whether the policy accepted unsigned decisions on the request
     * @param signed decision id to whether that decision carried a signature that verified
     * @param overrides for a hearing that grants against a denial: the denial's id (its rules' controls
     *     are overridden, not met); null otherwise
     */
    public static String ofApproval(List<RuleControls> rules, List<StageState> stages,
            boolean acceptsUnsigned, Map<String, Boolean> signed, String overrides) {
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        Map<String, Object> out = head(rules, Map.of());
        if (overrides != null) {
            out.put("overrides", overrides);
        }
        List<Map<String, Object>> approvals = new ArrayList<>();
        Set<String> people = new LinkedHashSet<>();
        int number = 0;
        for (StageState s : stages) {
            number++;
            List<Map<String, Object>> by = new ArrayList<>();
            for (Approval a : s.approvals()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("approver", a.approver());
                m.put("authority", a.authority());
                if (a.onBehalfOf() != null) {
                    m.put("on_behalf_of", a.onBehalfOf());
                }
                m.put("signed", Boolean.TRUE.equals(signed.get(a.decisionId())));
                by.add(m);
                people.add(a.approver());
                if (a.onBehalfOf() != null) {
                    people.add(a.onBehalfOf());
                }
            }
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("stage", number);
            stage.put("need", s.need());
            stage.put("approved_by", by);
            approvals.add(stage);
        }
        out.put("approvals", approvals);
        out.put("distinct_approvers", people.size());
        out.put("signatures_required", !acceptsUnsigned);
        return write(out);
    }

    private static Map<String, Object> head(List<RuleControls> rules, Map<String, String> undetermined) {
        Set<String> controls = new LinkedHashSet<>();
        List<Map<String, Object>> each = new ArrayList<>();
        for (RuleControls r : rules) {
            controls.addAll(r.controls());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.rule());
            m.put("controls", r.controls());
            if (r.condition() != null) {
                m.put("condition", r.condition());
            }
            String missing = undetermined.get(r.rule());
            if (missing != null) {
                m.put("undetermined", missing);
            }
            each.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("controls", List.copyOf(controls));
        out.put("rules", each);
        return out;
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a compliance check is plain JSON", e);
        }
    }
}
