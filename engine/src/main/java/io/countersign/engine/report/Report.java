package io.countersign.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code countersign report} tells: the period, the numbers for all requests, per profile and per
 * deciding rule ({@code policy/rule}), the approvers' load, and the suggestions.
 *
 * @param since the start of the period; null when it covers the whole history
 * @param days the period's length in days (from the oldest request counted when there is no {@code since})
 * @param approvers the people who decided, busiest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"since", "until", "profile", "days", "total", "profiles", "rules", "approvers", "suggestions"})
public record Report(Instant since, Instant until, String profile, long days, Stats total,
        Map<String, Stats> profiles, Map<String, Stats> rules, List<ApproverLoad> approvers,
        List<Suggestion> suggestions) {

    public Report {
        profiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profiles));
        rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
        approvers = List.copyOf(approvers);
        suggestions = List.copyOf(suggestions);
    }
}
