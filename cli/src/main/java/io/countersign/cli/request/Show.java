package io.countersign.cli.request;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.store.History;
import io.countersign.engine.workflow.UnknownRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign show ID}. */
@Command(name = "show",
        header = "Show one request with its decisions and events, its chain checked.",
        mixinStandardHelpOptions = true,
        description = {
            "Show one request with its history: where it stands, every decision in the order made (policy's",
            "and people's), and every lifecycle event with the check of their hash chain. --output json",
            "prints {request, decisions, events} as stored."},
        footer = {"",
            "Example:",
            "  $ countersign show 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: approved",
            "    frank asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    access: 2026-03-02T09:15:00Z until 2026-03-02T11:15:00Z",
            "    conditions: restricted_operations=[drop_database, delete_backup]",
            "  decisions:",
            "    2026-03-02T09:10:00Z  alice  approved  final (group:sre-leads), signed: on the change calendar",
            "    2026-03-02T09:15:00Z  bob    approved  final (group:sre-leads), signed: agreed",
            "  events:",
            "    1  2026-03-02T09:00:00Z  request.created   frank",
            "    ...",
            "  event chain intact: 5 events",
            "",
            "Exit codes: 0 shown, 1 shown but its event chain is broken, 2 no request has the id."})
public final class Show extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @Override
    protected int execute() throws Exception {
        History h;
        try (Session s = Session.reading(store.location())) {
            h = s.store().history(id).orElseThrow(() -> new UnknownRequestException(id));
        }
        // Tampering or loss shows as a broken chain: like a failed check, it exits 1.
        EventChain.Broken broken = EventChain.verify(h.events());
        if (json()) {
            printJson(h);
            return broken == null ? 0 : REFUSED;
        }
        StringBuilder out = new StringBuilder();
        RequestText.describe(h.request(), out);
        if (!h.decisions().isEmpty()) {
            out.append("decisions:\n");
            int w = h.decisions().stream().mapToInt(d -> RequestText.t(d.approver()).length()).max().orElse(0);
            for (ApprovalDecision d : h.decisions()) {
                out.append("  ").append(RequestText.at(d.decisionDate())).append("  ").append(String.format("%-" + w + "s", RequestText.t(d.approver())))
                        .append("  ").append(d.decision()).append("  ").append(RequestText.t(String.valueOf(d.approvalLevel())));
                if (d.authoritySource() != null) {
                    out.append(" (").append(RequestText.t(d.authoritySource())).append(')');
                }
                Object signed = d.metadata() == null ? null : d.metadata().get("signed");
                if (Boolean.TRUE.equals(signed)) {
                    out.append(", signed");
                } else if (Boolean.FALSE.equals(signed)) {
                    out.append(", unsigned");
                }
                if (d.rationale() != null) {
                    out.append(": ").append(RequestText.t(d.rationale()));
                }
                out.append('\n');
            }
        }
        out.append("events:\n");
        int w = h.events().stream().mapToInt(e -> e.type().toString().length()).max().orElse(0);
        for (Event e : h.events()) {
            out.append("  ").append(e.sequence()).append("  ").append(RequestText.at(e.time())).append("  ")
                    .append(String.format("%-" + w + "s", e.type())).append("  ").append(RequestText.t(e.actor())).append('\n');
        }
        if (broken == null) {
            out.append("event chain intact: ").append(h.events().size())
                    .append(h.events().size() == 1 ? " event\n" : " events\n");
        } else {
            out.append("event chain BROKEN at event ").append(broken.event().sequence()).append(": ")
                    .append(RequestText.t(broken.reason())).append('\n');
        }
        out().print(out);
        return broken == null ? 0 : REFUSED;
    }
}
