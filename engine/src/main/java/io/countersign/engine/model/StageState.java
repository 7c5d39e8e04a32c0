package io.countersign.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.directory.Principal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stage of approval and what has happened in it.
 *
 * @param from the approvers policy named ({@code group:NAME}, {@code user:ID})
 * @param escalations who else may approve once the stage has been open long enough
 * @param escalatedTo approvers opened early by {@code escalate}, or by the sweep when the time came
 * @param delegates who holds a place by delegation: delegate user id to the delegator's user id
 * @param openedAt when the stage became the current one (null while an earlier one is open)
 * @param overrides for a stage that hears an appeal: the id of the denial it may override
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageState(int need, List<String> from, List<String> rules,
        List<StageRequirement.Escalation> escalations, List<String> escalatedTo, Map<String, String> delegates,
        List<Approval> approvals, Instant openedAt, Instant completedAt, String overrides) {
    public StageState {
        from = List.copyOf(from);
        rules = rules == null ? List.of() : List.copyOf(rules);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
        escalatedTo = escalatedTo == null ? List.of() : List.copyOf(escalatedTo);
        delegates = delegates == null ? Map.of() : Map.copyOf(delegates);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** The same stage open to {@code targets} as well (escalated early, or by the sweep when due). */
    public StageState escalatedAlsoTo(List<String> targets) {
        return new StageState(need, from, rules, escalations, StoredRequest.union(escalatedTo, targets), delegates, approvals,
                openedAt, completedAt, overrides);
    }

    /** The same stage with these approvals, complete at {@code completed} (null: still open). */
    public StageState withApprovals(List<Approval> counted, Instant completed) {
        return new StageState(need, from, rules, escalations, escalatedTo, delegates, counted, openedAt, completed,
                overrides);
    }

    /** The same stage with these places held by delegation. */
    public StageState withDelegates(Map<String, String> held) {
        return new StageState(need, from, rules, escalations, escalatedTo, held, approvals, openedAt, completedAt,
                overrides);
    }

    /** The same stage, now the open one. */
    public StageState opened(Instant at) {
        return new StageState(need, from, rules, escalations, escalatedTo, delegates, approvals, at, completedAt,
                overrides);
    }

    /** Whether the stage has its quorum. */
    public boolean complete() {
        return approvals.size() >= need;
    }

    /** Everyone whose approval this stage would take, as inbox keys. */
    public Set<String> principals() {
        Set<String> out = new LinkedHashSet<>(from);
        out.addAll(escalatedTo);
        delegates.keySet().forEach(d -> out.add(Principal.user(d).key()));
        return out;
    }
}
