package io.countersign.engine.policytest;

import io.countersign.engine.reference.Explanation;
import java.util.List;

/**
 * The result of one case.
 *
 * @param mismatches what differed, one entry per expectation ({@code field}, expected, actual)
 * @param explanation why the engine decided as it did (null when the request was rejected)
 */
public record CaseResult(String file, String name, boolean passed, List<Mismatch> mismatches, String decision,
        Explanation explanation) {

    /** An expectation that did not hold. */
    public record Mismatch(String field, String expected, String actual) {
    }
}
