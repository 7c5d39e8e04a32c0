package io.countersign.cli.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.notify.ConfiguredNotifiers;
import io.countersign.cli.notify.DeliveryReport;
import io.countersign.cli.notify.NotifyOptions;
import io.countersign.engine.json.Json;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.workflow.SweepReport;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign sweep}. */
@Command(name = "sweep",
        header = "Expire, escalate and end what time has made due; then deliver events.",
        mixinStandardHelpOptions = true,
        description = {
            "Do what time does: expire pending requests past their 'expire after', open stages to their",
            "escalation approvers once 'escalate after' has passed, end grants whose access window closed, and",
            "announce reviews and follow-ups that came due, whether the grant is still active or not. Each is a",
            "transition with its own event. Run it from cron or a scheduler; running it twice changes nothing the",
            "second time. With notifiers configured (--notify,",
            "or notify.yaml in the home directory) it then delivers the outbox, as notify run --until-idle does."},
        footer = {"",
            "Example:",
            "  $ countersign sweep",
            "  swept: 0 expired, 0 escalated, 0 ended, 0 reviews due",
            "  $ countersign sweep --notify webhook",
            "  swept: 0 expired, 0 escalated, 0 ended, 0 reviews due",
            "  notified webhook: 4 delivered, 0 to retry, 0 dead letters, 0 waiting",
            "  $ countersign sweep --output json",
            "  {\"expired\":[],\"escalated\":[],\"ended\":[],\"reviewsDue\":[]}",
            "  $ countersign sweep --notify webhook --output json",
            "  {\"expired\":[],...,\"delivery\":{\"rounds\":2,\"delivered\":4,\"retrying\":0,\"dead\":0,\"waiting\":0}}",
            "",
            "Exit codes: 0 swept (and delivered what it could), 1 a request whose record does not verify was left",
            "as it is (named with the reason), 2 bad input (policies, store, notifiers)."})
public final class Sweep extends LifecycleCommand {

    /** Rounds of delivery after a sweep, 500 events each: enough for a backlog, and a cron run still ends. */
    static final int DELIVERY_ROUNDS = 20;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Mixin
    NotifyOptions notify;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected int execute() throws Exception {
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            if (notify.named()) {
                // The server's own dispatcher delivers its outbox; a second one here would only race it.
                err().println("countersign: a server delivers its own events: leave out --notify with --server");
                return BAD_INPUT;
            }
            return print(client.get().sweep(), null, null);
        }
        ConfiguredNotifiers notifiers = notify.configure(store.home(), err());
        if (notifiers == null) {
            return BAD_INPUT;
        }
        SweepReport report;
        DeliveryReport delivery = null;
        try (notifiers; Session s = Session.deciding(store.location(), policies.require(), err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            report = s.countersign().sweep();
            if (!notifiers.isEmpty()) {
                delivery = DeliveryReport.of(new Dispatcher(s.store(), notifiers.notifiers(), Clock.systemUTC(),
                        Dispatcher.MAX_ATTEMPTS).drain(DELIVERY_ROUNDS));
            }
        }
        return print(report, delivery, notifiers.names());
    }

    private int print(SweepReport report, DeliveryReport delivery, String notified) throws Exception {
        if (json()) {
            ObjectNode o = Json.mapper().valueToTree(report);
            if (delivery != null) {
                o.set("delivery", Json.mapper().valueToTree(delivery));
            }
            printJson(o);
            return report.unverified().isEmpty() ? 0 : REFUSED;
        }
        StringBuilder out = new StringBuilder();
        lines(out, "expired", report.expired(), "undecided past its expiry");
        lines(out, "escalated", report.escalated(), "escalation approvers may now decide");
        lines(out, "ended", report.ended(), "access window closed");
        lines(out, "review due", report.reviewsDue(), "review.due announced");
        lines(out, "follow-up overdue", report.followUpsOverdue(), "followup.overdue announced");
        report.unverified().forEach((id, why) -> out.append("not verified ").append(id).append(" (left as it is): ")
                .append(why).append('\n'));
        out.append("swept: ").append(report.expired().size()).append(" expired, ").append(report.escalated().size())
                .append(" escalated, ").append(report.ended().size()).append(" ended, ")
                .append(report.reviewsDue().size()).append(" reviews due")
                .append(report.followUpsOverdue().isEmpty() ? "" : ", " + report.followUpsOverdue().size()
                        + " follow-ups overdue")
                .append(report.unverified().isEmpty() ? "" : ", " + report.unverified().size() + " not verified")
                .append('\n');
        if (delivery != null) {
            out.append("notified ").append(notified).append(": ").append(delivery.text()).append('\n');
        }
        out().print(out);
        return report.unverified().isEmpty() ? 0 : REFUSED;
    }

    private static void lines(StringBuilder out, String what, List<String> ids, String why) {
        ids.forEach(id -> out.append(what).append(' ').append(RequestText.t(id)).append(" (").append(why).append(")\n"));
    }
}
