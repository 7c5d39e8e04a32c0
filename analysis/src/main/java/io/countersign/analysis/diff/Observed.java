package io.countersign.analysis.diff;

import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a decision means to the requester and the approvers, without the names it was reached by:
 * renaming a rule or rewording a denial is not a change of decision; a different quorum, approver,
 * grant or workflow setting is.
 */
public record Observed(Outcome outcome, List<String> stages, Duration duration, List<String> permissions,
        Map<String, Object> conditions, List<String> stipulations, List<String> followUps, Duration reviewAfter,
        boolean renewable, Duration expireAfter, boolean selfApproval, boolean delegation, List<String> appealTo) {

    public static Observed of(Evaluation e) {
        boolean pending = e.outcome() == Outcome.PENDING;
        boolean grants = e.outcome().grants() || pending;
        List<String> stages = new ArrayList<>();
        e.stages().forEach(s -> stages.add(s.need() + " of " + String.join(", ", new TreeSet<>(s.from()))));
        List<String> followUps = new ArrayList<>();
        e.followUps().forEach(f -> followUps.add(f.action() + " within " + Duration.between(e.at(), f.due())));
        return new Observed(e.outcome(), stages, grants ? e.duration() : null,
                grants ? List.copyOf(new TreeSet<>(e.permissions())) : List.of(), grants ? e.conditions() : Map.of(),
                grants ? List.copyOf(new TreeSet<>(e.stipulations())) : List.of(), followUps,
                e.reviewDate() == null ? null : Duration.between(e.at(), e.reviewDate()), grants && e.renewable(),
                pending ? e.expireAfter() : null, pending && e.selfApproval(), !pending || e.delegation(),
                e.outcome() == Outcome.DENIED ? List.copyOf(new TreeSet<>(e.appealTo())) : List.of());
    }

}
