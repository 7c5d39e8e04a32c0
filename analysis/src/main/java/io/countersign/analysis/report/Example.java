package io.countersign.analysis.report;

import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.parse.DurationText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example request as findings and diffs show it: the request's JSON, with its duration written as
 * the policy language writes it ({@code 1h30m}, which request JSON reads as well as {@code PT1H30M}).
 */
public final class Example {

    private Example() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(AccessRequest r) {
        Map<String, Object> m = new LinkedHashMap<>(Json.mapper().convertValue(r, Map.class));
        if (r.duration() != null && m.containsKey("duration")) {
            m.put("duration", text(r.duration()));
        }
        return m;
    }

    /** A duration as a person writes it: {@code 1h30m}; ISO-8601 only when it is not whole seconds. */
    public static String text(Duration d) {
        return d.getNano() == 0 && !d.isNegative() ? DurationText.format(d) : d.toString();
    }
}
