package io.countersign.analysis.report;

import io.countersign.lang.ast.Loc;
import java.util.Map;

/**
 * One finding: its stable code and short name, its level, where it is, what it says, and for
 * findings about reachability the example request that shows it (as JSON, already replayed).
 *
 * @param code {@code CS-L002}; the codes are listed in docs/analysis.md
 * @param name {@code shadowed-rule}
 * @param example the request, or null
 * @param confirmed whether the reference evaluator gave the example the outcome claimed (false only
 *     when the example relies on a predicate outside the decidable core)
 */
public record Finding(String code, String name, Level level, Loc loc, String message, Map<String, Object> example,
        boolean confirmed) {

    public Finding withLevel(Level l) {
        return new Finding(code, name, l, loc, message, example, confirmed);
    }
}
