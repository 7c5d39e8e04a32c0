package io.countersign.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;

/** Something the history suggests changing, with the evidence it rests on. */
public sealed interface Suggestion {

    /** The suggestion in one sentence, evidence included. */
    @JsonProperty("text")
    String text();

    /** The kind's name in JSON and CSV. */
    @JsonProperty("kind")
    String kind();

    /** Exhaustive handling of every kind. */
    interface Cases<T> {
        T instantRule(InstantRule s);

        T unanswered(Unanswered s);
    }

    <T> T accept(Cases<T> cases);

    /**
     * People approved every decided request of {@code profile} from members of {@code group}: an instant
     * rule would have decided them the same way at once.
     *
     * @param approved how many people approved; {@code decided} how many people decided (the same)
     * @param expired how many of the group's requests expired unanswered meanwhile
     * @param riskBelow every approved request had a risk below this; null when the rule needs no bound
     * @param cap the longest grant among them
     * @param rule the rule to paste into the profile's policy
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "text"})
    record InstantRule(String profile, String group, long approved, long decided, long expired, long days,
            Integer riskBelow, Duration cap, String rule) implements Suggestion {
        @Override
        public String text() {
            return profile + " was approved by a person " + approved + " of " + decided + " times in " + days
                    + (days == 1 ? " day" : " days") + " for members of " + group
                    + (riskBelow == null ? "" : " with risk < " + riskBelow) + " — consider an instant rule";
        }

        @Override
        public String kind() {
            return "instant-rule";
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.instantRule(this);
        }
    }

    /**
     * Requests of {@code profile} that went to people expire unanswered too often.
     *
     * @param expired how many expired unanswered; {@code routed} how many went to people
     * @param approvers whom policy named to decide them
     * @param answeredBy who did decide this profile's requests, busiest first
     */
    @JsonPropertyOrder({"kind", "text"})
    record Unanswered(String profile, long expired, long routed, long days, List<String> approvers,
            List<ApproverLoad> answeredBy) implements Suggestion {
        public Unanswered {
            approvers = List.copyOf(approvers);
            answeredBy = List.copyOf(answeredBy);
        }

        @Override
        public String text() {
            long pct = Math.round(100.0 * expired / routed);
            return "requests to " + profile + " expire unanswered " + pct + "% of the time (" + expired + " of " + routed
                    + " in " + days + (days == 1 ? " day" : " days") + ") — its approvers are "
                    + String.join(", ", approvers)
                    + (answeredBy.isEmpty() ? "; nobody answered any"
                            : "; answered by " + String.join(", ", answeredBy.stream()
                                    .map(a -> a.approver() + " (" + a.decisions() + ")").toList()))
                    + " — consider more approvers or an escalation";
        }

        @Override
        public String kind() {
            return "unanswered";
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.unanswered(this);
        }
    }
}
