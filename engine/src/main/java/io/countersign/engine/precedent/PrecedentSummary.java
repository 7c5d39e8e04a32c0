package io.countersign.engine.precedent;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Precedent;
import java.util.List;

/**
 * What a request's precedents say, counted: "9 similar requests: 8 approved, 1 denied". Each precedent
 * (by whom, why) is listed beside it by whoever shows it, escaped for where it is shown.
 *
 * @param count how many precedents
 * @param approved how many granted (approved, conditionally or in part)
 * @param denied how many were denied
 * @param headline the counts in words; no user text, so safe anywhere
 * @param precedents the precedents, most similar first
 */
public record PrecedentSummary(int count, int approved, int denied, String headline, List<Precedent> precedents) {

    public PrecedentSummary {
        precedents = List.copyOf(precedents);
    }

    /** The summary of {@code precedents} (null: none were found). */
    public static PrecedentSummary of(List<Precedent> precedents) {
        List<Precedent> all = precedents == null ? List.of() : precedents;
        int approved = (int) all.stream().filter(Precedent::granted).count();
        int denied = all.size() - approved;
        String headline = all.isEmpty() ? "no similar requests"
                : all.size() + (all.size() == 1 ? " similar request: " : " similar requests: ") + approved
                        + " approved, " + denied + " denied";
        return new PrecedentSummary(all.size(), approved, denied, headline, all);
    }

    /** The seed's {@code precedentIds}: a JSON array of the precedents' decision ids; null when there are none. */
    public static String ids(List<Precedent> precedents) {
        if (precedents == null || precedents.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(precedents.stream().map(Precedent::decisionId).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision ids are plain JSON", e);
        }
    }
}
