package io.countersign.engine.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one rule claims: the controls its {@code complies} lines name, each once in order, and its
 * condition as the formatter writes it (null for a rule without {@code when}: it holds for every
 * request its policy applies to). Kept with a pending request, so its final decision names what the
 * policy said when the request was submitted, whatever the policy says by then.
 *
 * @param rule the rule id, {@code policy/rule}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleControls(String rule, List<String> controls, String condition) {
    public RuleControls {
        controls = List.copyOf(controls);
    }
}
