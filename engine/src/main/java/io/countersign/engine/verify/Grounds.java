package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.StageState;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.model.Creation;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the state a chain records follows from what was decided, and is nothing wider: what was
 * asked and what policy fixed at submission never change; every counted approval is a decision an
 * event announced, by that person, for that stage; an approved request has policy's approval or every
 * stage's quorum; access starts when the approval (or the requested start) says and lasts no longer
 * than the grant; the grant is no wider than policy's and than what every approver signed.
 */
final class Grounds {

    /** What was asked and what policy decided at submission: no transition changes them. */
    private static final List<String> FIXED = List.of("id", "requester", "groups", "attributes", "profile",
            "permissions", "duration", "startAt", "justification", "ticket", "context", "createdAt", "policyVersion",
            "directoryVersion", "outcome", "rules", "risk", "riskFactors", "riskUndetermined", "selfApproval",
            "delegation", "acceptsUnsigned", "compliance");

    private final List<Event> events;
    private final Map<String, JsonNode> decisions;
    private final Map<String, JsonNode> signedGrants;
    private final Set<String> rejected;

    /**
     * @param decisions the decisions events announced, by id
     * @param signedGrants for each signed approval that verified, the grant its approver signed
     * @param rejected decisions whose signature check failed (already reported)
     */
    Grounds(List<Event> events, Map<String, JsonNode> decisions, Map<String, JsonNode> signedGrants,
            Set<String> rejected) {
        this.events = events;
        this.decisions = decisions;
        this.signedGrants = signedGrants;
        this.rejected = rejected;
    }

    /** A stored grant in the form a statement signs it ({@link Statement.Grant}), canonical. */
    static String signedForm(JsonNode grant) {
        try {
            StoredRequest.Grant g = Json.mapper().treeToValue(grant, StoredRequest.Grant.class);
            return Statement.canonical(new Statement.Grant(g.duration(), g.permissions(), g.conditions(),
                    g.stipulations()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return "unreadable grant";
        }
    }

    void check(StoredRequest created, StoredRequest state, List<Finding> out) {
        JsonNode first = events.get(0).data().get("request");
        for (Event e : events) {
            String changed = changedField(first, e.data().get("request"));
            if (changed != null) {
                out.add(new Finding(e.sequence(), e.id(), "the request's " + changed + " differs from what was asked"
                        + " and decided at submission"));
                return;
            }
        }
        for (Event e : events) {
            boolean byRequester = e.type() != EventType.REQUEST_CREATED && e.type() != EventType.REQUEST_CANCELLED
                    || created.requester().equals(e.actor());
            if (!byRequester) {
                out.add(new Finding(e.sequence(), e.id(), e.type() + " by " + e.actor() + ": only the requester ("
                        + created.requester() + ") asks and cancels"));
            }
        }
        stages(created, state, out);
        approvals(state, out);
        followUpsDone(state, out);
        StatedGrants.check(events, out);
        StatedCompliance.check(events, out);
        if (state.status() == RequestStatus.APPROVED || state.accessStart() != null) {
            granted(created, state, out);
        }
        JsonNode grant = Json.mapper().valueToTree(state.grant());
        String wider = wider(grant, Json.mapper().valueToTree(created.grant()));
        if (wider != null) {
            out.add(Finding.of("the grant in force is wider than policy's: " + wider));
        }
        signedGrants.forEach((id, signed) -> {
            String w = wider(grant, signed);
            if (w != null) {
                out.add(Finding.of("the grant in force is wider than what " + Signatures.text(decisions.get(id),
                        "approver") + " signed in decision " + id + ": " + w));
            }
        });
    }

    private static String changedField(JsonNode first, JsonNode now) {
        if (now == null) {
            return "record";
        }
        for (String f : FIXED) {
            String a = first.get(f) == null ? "" : EventChain.canonical(first.get(f));
            String b = now.get(f) == null ? "" : EventChain.canonical(now.get(f));
            if (!a.equals(b)) {
                return f;
            }
        }
        return null;
    }

    private void stages(StoredRequest created, StoredRequest state, List<Finding> out) {
        List<StageState> was = created.stages();
        int appeals = 0;
        for (JsonNode d : decisions.values()) {
            appeals += "escalated".equals(Signatures.text(d, "decision")) && "override".equals(Signatures.text(d,
                    "approvalLevel")) ? 1 : 0;
        }
        List<StageState> now = state.stages();
        for (int i = 0; i < now.size(); i++) {
            StageState s = now.get(i);
            if (i < was.size()) {
                StageState w = was.get(i);
                if (s.need() != w.need() || !s.from().equals(w.from()) || !s.escalations().equals(w.escalations())) {
                    out.add(Finding.of("stage " + (i + 1) + " is not the stage policy set: it needs " + s.need() + " of "
                            + s.from() + ", policy said " + w.need() + " of " + w.from()));
                }
            } else if (s.overrides() == null || --appeals < 0) {
                out.add(Finding.of("stage " + (i + 1) + " was added, and no appeal opened it"));
            }
        }
    }

    /** A follow-up the state says is done was marked done by a {@code followup.done} event of that person. */
    private void followUpsDone(StoredRequest state, List<Finding> out) {
        List<TrackedFollowUp> all = state.trackedFollowUps();
        for (int i = 0; i < all.size(); i++) {
            TrackedFollowUp f = all.get(i);
            if (!f.done()) {
                continue;
            }
            String id = state.id() + "/" + (i + 1);
            boolean announced = events.stream().anyMatch(e -> e.type() == EventType.FOLLOWUP_DONE
                    && id.equals(e.data().path("followUp").path("id").asText()) && e.actor().equals(f.doneBy()));
            if (!announced) {
                out.add(Finding.of("follow-up " + id + " is marked done by " + f.doneBy() + ", but no event of theirs"
                        + " marked it done"));
            }
        }
    }

    private void approvals(StoredRequest state, List<Finding> out) {
        Set<String> counted = new HashSet<>();
        for (int i = 0; i < state.stages().size(); i++) {
            for (Approval a : state.stages().get(i).approvals()) {
                JsonNode d = decisions.get(a.decisionId());
                String who = "the approval by " + a.approver() + " in stage " + (i + 1);
                if (d == null) {
                    out.add(Finding.of(who + " names decision " + a.decisionId() + ", which no event announced"));
                } else if (!Signatures.text(d, "approver").equals(a.approver())
                        || !"approve".equals(Signatures.action(Signatures.text(d, "decision")))) {
                    out.add(Finding.of(who + " names decision " + a.decisionId() + ", which is "
                            + Signatures.text(d, "approver") + "'s '" + Signatures.text(d, "decision") + "'"));
                } else if (!rejected.contains(a.decisionId()) && d.path("metadata").path("stage").asInt() != i + 1) {
                    out.add(Finding.of(who + " names decision " + a.decisionId() + ", made for stage "
                            + d.path("metadata").path("stage").asInt()));
                } else if (a.at() == null || !a.at().toString().equals(instant(d.path("decisionDate")))) {
                    out.add(Finding.of(who + " is dated " + a.at() + ", its decision " + a.decisionId() + " "
                            + Signatures.text(d, "decisionDate")));
                }
                if (!counted.add(a.approver()) || a.onBehalfOf() != null && !counted.add(a.onBehalfOf())) {
                    out.add(Finding.of(who + " counts someone twice: approvers must be distinct"));
                }
            }
        }
    }

    private void granted(StoredRequest created, StoredRequest state, List<Finding> out) {
        Instant approvedAt;
        if (created.status() == RequestStatus.APPROVED) {
            approvedAt = created.createdAt();
        } else {
            List<StageState> stages = state.stages();
            StageState last = stages.isEmpty() ? null : stages.get(stages.size() - 1);
            boolean all = stages.stream().allMatch(StageState::complete);
            if (last == null || !last.complete() || !all && last.overrides() == null) {
                out.add(Finding.of("the request is " + state.status() + " with access, but neither policy nor its"
                        + " approvals approved it" + (last == null ? "" : ": stage " + stages.size() + " has "
                        + last.approvals().size() + " of " + last.need())));
                return;
            }
            approvedAt = last.approvals().stream().map(Approval::at).max(Instant::compareTo)
                    .orElse(created.createdAt());
        }
        Instant start = Creation.accessStart(state.startAt(), approvedAt);
        if (state.accessStart() == null || !state.accessStart().equals(start)) {
            out.add(Finding.of("access starts at " + state.accessStart() + ", but the approval at " + approvedAt
                    + (state.startAt() == null ? "" : " and the requested start " + state.startAt()) + " make it " + start));
        } else if (state.accessEnd() == null || state.accessEnd().isAfter(start.plus(state.grant().duration()))) {
            out.add(Finding.of("access ends at " + state.accessEnd() + ", later than its start plus the granted "
                    + state.grant().duration() + " (" + start.plus(state.grant().duration()) + ")"));
        }
    }

    /** How {@code grant} is wider than {@code ceiling} (both as JSON: duration, permissions, conditions, stipulations); null when it is not. */
    static String wider(JsonNode grant, JsonNode ceiling) {
        List<String> why = new ArrayList<>();
        if (ceiling.hasNonNull("duration")) {
            try {
                Duration d = Duration.parse(grant.path("duration").asText());
                Duration c = Duration.parse(ceiling.path("duration").asText());
                if (d.compareTo(c) > 0) {
                    why.add("duration " + d + " where " + c + " was the most");
                }
            } catch (DateTimeParseException e) {
                why.add("a duration that is not one");
            }
        }
        Set<String> allowed = texts(ceiling.path("permissions"));
        Set<String> has = texts(grant.path("permissions"));
        if (!allowed.isEmpty() && (has.isEmpty() || !allowed.containsAll(has))) {
            why.add("permissions " + (has.isEmpty() ? "[the whole profile]" : has) + " beyond " + allowed);
        }
        for (Map.Entry<String, JsonNode> c : ceiling.path("conditions").properties()) {
            JsonNode v = grant.path("conditions").get(c.getKey());
            if (v == null || !EventChain.canonical(v).equals(EventChain.canonical(c.getValue()))) {
                why.add("condition " + c.getKey() + " " + (v == null ? "dropped" : "changed"));
            }
        }
        for (String s : texts(ceiling.path("stipulations"))) {
            if (!has(grant.path("stipulations"), s)) {
                why.add("stipulation '" + s + "' dropped");
            }
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** An instant as {@link Instant#toString} writes it, however the JSON wrote it; the text itself when unreadable. */
    private static String instant(JsonNode n) {
        try {
            return Instant.parse(n.asText()).toString();
        } catch (DateTimeParseException e) {
            return n.asText();
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new java.util.LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static boolean has(JsonNode array, String s) {
        for (JsonNode n : array) {
            if (n.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
