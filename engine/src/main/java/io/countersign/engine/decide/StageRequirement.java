package io.countersign.engine.decide;

import java.time.Duration;
import java.util.List;

/**
 * One stage of approval: {@code need} distinct eligible approvers from {@code from}
 * ({@code group:NAME}, {@code user:ID}), and who else may approve once it has been open long enough.
 *
 * @param rules the requiring rules this stage came from (identical stages of several rules are one)
 */
public record StageRequirement(int need, List<String> from, List<String> rules, List<Escalation> escalations) {

    /** {@code escalate after D to ...}: after {@code after} the stage also accepts {@code to}. */
    public record Escalation(Duration after, List<String> to) {
    }
}
