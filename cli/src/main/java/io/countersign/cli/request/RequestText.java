package io.countersign.cli.request;

import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.lang.parse.DurationText;
import io.countersign.lang.text.Escape;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request in a few lines for people: what it asks, where it stands, and what comes next — the stage
 * that waits and who may decide it, the access window, the reason it ended. Every text that came from a
 * person or a policy is escaped ({@link Escape}): a justification cannot forge the lines an approver reads.
 */
final class RequestText {

    private RequestText() {
    }

    /** The lines of {@link #describe}, with a trailing newline. */
    static String of(StoredRequest r) {
        StringBuilder out = new StringBuilder();
        describe(r, out);
        return out.toString();
    }

    static void describe(StoredRequest r, StringBuilder out) {
        out.append(t(r.id())).append(": ").append(r.status());
        if (r.status() != RequestStatus.PENDING && r.outcome() != null && r.outcome() != Outcome.PENDING
                && r.stages().isEmpty() && !r.rules().isEmpty()) {
            out.append(" at once by ").append(join(", ", r.rules()));
        }
        out.append('\n');
        out.append("  ").append(t(r.requester())).append(" asks for ").append(t(r.profile()));
        if (!r.permissions().isEmpty()) {
            out.append(" (").append(join(", ", r.permissions())).append(')');
        }
        out.append(" for ").append(duration(r.duration()));
        if (r.startAt() != null) {
            out.append(" from ").append(r.startAt());
        }
        if (r.ticket() != null) {
            out.append(", ticket ").append(t(r.ticket()));
        }
        if (r.justification() != null) {
            out.append(": ").append(t(r.justification()));
        }
        out.append('\n');
        switch (r.status()) {
            case PENDING -> pending(r, out);
            case APPROVED -> approved(r, out);
            case DENIED -> {
                line(out, "why", t(r.rationale()));
                if (!r.appealTo().isEmpty()) {
                    line(out, "appeal", "countersign escalate " + t(r.id()) + " --reason ... (heard by "
                            + join(", ", r.appealTo()) + ")");
                }
            }
            case REVOKED -> line(out, "access ended", at(r.accessEnd()));
            case EXPIRED -> line(out, "why", t(r.rationale()));
            default -> {
                // cancelled: the status says it all
            }
        }
    }

    private static void pending(StoredRequest r, StringBuilder out) {
        int current = r.currentStage();
        int n = r.stages().size();
        for (int i = 0; i < n; i++) {
            StageState s = r.stages().get(i);
            String label = s.complete() ? "done" : i == current ? "waiting" : "then";
            out.append("  stage ").append(i + 1).append(" of ").append(n).append(' ').append(label).append(": ")
                    .append(need(s));
            if (!s.escalatedTo().isEmpty()) {
                out.append(", or ").append(join(", ", s.escalatedTo())).append(" (escalated)");
            } else if (i == current && !s.escalations().isEmpty()) {
                StageRequirement.Escalation e = s.escalations().get(0);
                out.append(", escalates to ").append(join(", ", e.to())).append(" after ")
                        .append(duration(e.after()));
            }
            if (!s.approvals().isEmpty()) {
                out.append("; approved by ").append(approvers(s.approvals()));
            }
            if (!s.delegates().isEmpty()) {
                out.append("; delegated ").append(s.delegates().entrySet().stream()
                        .map(d -> t(d.getValue()) + " -> " + t(d.getKey())).collect(Collectors.joining(", ")));
            }
            out.append('\n');
        }
        if (r.expiresAt() != null) {
            line(out, "expires", at(r.expiresAt()));
        }
    }

    private static void approved(StoredRequest r, StringBuilder out) {
        StoredRequest.Grant g = r.grant();
        String window = at(r.accessStart()) + " until " + at(r.accessEnd());
        if (g != null && !g.permissions().isEmpty()) {
            window += " (" + join(", ", g.permissions()) + ")";
        }
        line(out, "access", window);
        if (g != null && !g.conditions().isEmpty()) {
            line(out, "conditions", conditions(g.conditions()));
        }
        if (g != null && !g.stipulations().isEmpty()) {
            line(out, "stipulations", join("; ", g.stipulations()));
        }
        if (r.reviewDate() != null) {
            line(out, "review", at(r.reviewDate()) + (r.reviewDue() ? " (due)" : ""));
        }
    }

    /** {@code 2 of group:sre-leads}, or {@code user:grace} when the stage needs one of one. */
    static String need(StageState s) {
        String from = join(", ", s.from());
        return s.need() == 1 && s.from().size() == 1 ? "1 of " + from : s.need() + " of " + from;
    }

    /** What a request waits for, or where its access stands, in a table cell. */
    static String next(StoredRequest r) {
        switch (r.status()) {
            case PENDING: {
                int i = r.currentStage();
                if (i < 0) {
                    return "";
                }
                StageState s = r.stages().get(i);
                return need(s) + (s.approvals().isEmpty() ? "" : " (have " + s.approvals().size() + ")");
            }
            case APPROVED:
                return "until " + at(r.accessEnd());
            default:
                return "";
        }
    }

    static String conditions(Map<String, Object> conditions) {
        List<String> out = new ArrayList<>();
        conditions.forEach((k, v) -> out.add(t(k) + "=" + t(String.valueOf(v))));
        return String.join(", ", out);
    }

    /** Instants to the second: the stored nanoseconds are for ordering, not for reading. */
    static String at(Instant i) {
        return i == null ? "?" : i.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String duration(Duration d) {
        return d == null ? "?" : DurationText.format(d);
    }

    private static String approvers(List<Approval> approvals) {
        return approvals.stream().map(a -> a.onBehalfOf() == null ? t(a.approver())
                : t(a.approver()) + " for " + t(a.onBehalfOf())).collect(Collectors.joining(", "));
    }

    /** Stored text as a terminal may show it: every control, bidi and invisible character escaped. */
    static String t(String text) {
        return Escape.text(text);
    }

    /** The texts escaped, joined. */
    static String join(String separator, List<String> texts) {
        return texts.stream().map(Escape::text).collect(Collectors.joining(separator));
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append("  ").append(label).append(": ").append(text).append('\n');
    }
}
