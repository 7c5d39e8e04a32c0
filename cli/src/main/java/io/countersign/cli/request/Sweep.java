package io.countersign.cli.request;

import io.countersign.engine.workflow.SweepReport;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign sweep}. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Do what time does: expire pending requests past their 'expire after', open stages to their",
            "escalation approvers once 'escalate after' has passed, end grants whose access window closed, and",
            "announce reviews that came due. Each is a transition with its own event. Run it from cron or a",
            "scheduler; running it twice changes nothing the second time."},
        footer = {"",
            "Example:",
            "  $ countersign sweep",
            "  expired 5b1d0c7e-2f3a-4e6b-8d9c-0a1b2c3d4e5f (undecided past its expiry)",
            "  ended 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 (access window closed)",
            "  swept: 1 expired, 0 escalated, 1 ended, 0 reviews due",
            "  $ countersign sweep --output json",
            "  {\"expired\":[],\"escalated\":[],\"ended\":[],\"reviewsDue\":[]}",
            "",
            "Exit codes: 0 swept, 2 bad input (policies, store)."})
public final class Sweep extends LifecycleCommand {

    @CommandLine.Mixin
    PolicyOptions policies;

    @Override
    int execute() throws Exception {
        SweepReport report;
        try (Session s = Session.deciding(store.location(), policies.require(), err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            report = s.workflow().sweep();
        }
        if (json()) {
            printJson(report);
            return 0;
        }
        StringBuilder out = new StringBuilder();
        lines(out, "expired", report.expired(), "undecided past its expiry");
        lines(out, "escalated", report.escalated(), "escalation approvers may now decide");
        lines(out, "ended", report.ended(), "access window closed");
        lines(out, "review due", report.reviewsDue(), "review.due announced");
        out.append("swept: ").append(report.expired().size()).append(" expired, ").append(report.escalated().size())
                .append(" escalated, ").append(report.ended().size()).append(" ended, ")
                .append(report.reviewsDue().size()).append(" reviews due\n");
        out().print(out);
        return 0;
    }

    private static void lines(StringBuilder out, String what, List<String> ids, String why) {
        ids.forEach(id -> out.append(what).append(' ').append(id).append(" (").append(why).append(")\n"));
    }
}
