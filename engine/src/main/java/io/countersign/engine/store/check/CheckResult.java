package io.countersign.engine.store.check;

import java.time.Duration;

/**
 * The outcome of one named check.
 *
 * @param problem what was wrong, in words; null when the check passed
 */
public record CheckResult(String name, String problem, Duration took) {

    public boolean passed() {
        return problem == null;
    }
}
