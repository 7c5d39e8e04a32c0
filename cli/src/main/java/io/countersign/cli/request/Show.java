package io.countersign.cli.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.LoadedPolicies;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.readout.Readout;
import io.countersign.engine.store.History;
import io.countersign.engine.verify.PolicyHistory;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.UnknownRequestException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign show ID}. */
@Command(name = "show",
        header = "Show one request, its decisions and events, and whether it verifies.",
        mixinStandardHelpOptions = true,
        description = {
            "Show one request with its history: where it stands, its precedents (the most similar past requests of",
            "its profile when it was submitted: how each was decided, by whom, why), every decision in the order made (policy's",
            "and people's), and every lifecycle event — and whether its record verifies, as 'audit verify' checks",
            "one request: the service's seals, the hash chain, the request against its newest event, every",
            "signature with the keys in --policies DIR/keys, the grant against what was signed and what policy",
            "gave, policy's decision against the policy set in DIR. What does not verify is said plainly, and the",
            "exit is 1. Under each decision: the remarks, follow-ups and controls it meets (its rules' complies,",
            "with what was checked) as recorded, then the notifications delivered for it and auditors' notes on it",
            "(read from the delivery record and the audit.noted events; not part of the sealed decision). --output json",
            "prints {request, decisions, events} — the decisions as read, with notificationsSent and auditNotes —",
            "and the findings."},
        footer = {"",
            "Example:",
            "  $ countersign show 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: approved",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    access: 2026-03-02T09:15:00Z until 2026-03-02T11:15:00Z",
            "    conditions: restricted_operations=[drop_database, delete_backup]",
            "    stipulations: Session is recorded",
            "    review: 2026-03-09T09:15:00Z",
            "  decisions:",
            "    2026-03-02T09:10:00Z  alice  approved  final (group:sre-leads), signed: On the change calendar",
            "    2026-03-02T09:15:00Z  bob    approved  final (group:sre-leads), signed: Agreed",
            "        controls: ISO27001-A.8.2, SOC2-CC6.1",
            "        checked: rule production/admin (ISO27001-A.8.2, SOC2-CC6.1): profile == \"prod-admin\" held",
            "        checked: stage 1, 2 needed: alice (group:sre-leads, signed), bob (group:sre-leads, signed)",
            "        checked: 2 distinct approvers, signatures required",
            "  events:",
            "    1  2026-03-02T09:00:00Z  request.created    ivan",
            "    ...",
            "    5  2026-03-02T09:15:00Z  request.approved   bob",
            "  event chain intact: 5 events",
            "",
            "Precedents are listed after the request's state:",
            "  precedents: 2 similar requests: 1 approved, 1 denied",
            "    2026-02-27T10:02:00Z  approved   by erin  5d1e07b2-...: Same runbook as last week",
            "    2026-02-20T16:40:00Z  denied     by bob   0b9a33c1-...: Not during the freeze",
            "",
            "Exit codes: 0 shown and it verifies, 1 shown but something in its record does not verify, 2 no request",
            "has the id."})
public final class Show extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @CommandLine.Mixin
    PolicyOptions policies;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected int execute() throws Exception {
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            // The server checks the record as it does before acting on it: seals, chain, signatures, policy's decision.
            io.countersign.cli.client.ServerClient.Shown shown = client.get().show(id);
            List<AuditTrail.Finding> findings = shown.intact() ? List.of()
                    : List.of(new AuditTrail.Finding(id, null, null,
                            shown.reason() != null ? shown.reason() : "the server found that it does not verify"));
            // A record the server finds broken has no signature shown as verified: which part broke is its to say.
            return print(shown.history(), shown.history().decisions(), findings, shown.intact());
        }
        History h;
        List<ApprovalDecision> read;
        List<AuditTrail.Finding> findings;
        LoadedPolicies loaded = null;
        try (Session s = Session.reading(store.location())) {
            // The store answers first: an id it does not hold is said at once, without waiting for the policy
            // directory (read meanwhile on its own thread, PolicyPrefetch), which only checks a record.
            h = s.store().history(id).orElseThrow(() -> new UnknownRequestException(id));
            // The policy directory's keys check the signatures, its policies policy's decision; without one,
            // the seals, the chain and the grounds are still checked, and the output says what was not.
            if (Files.isDirectory(policies.dir)) {
                loaded = LoadedPolicies.of(policies.dir, err());
                if (loaded == null) {
                    return BAD_INPUT;
                }
            }
            try (PolicyHistory archive = loaded == null ? null
                    : PolicyHistory.of(loaded.set(), loaded.directory(), policies.dir, false)) {
                AuditTrail trail = loaded == null ? new AuditTrail(s.store())
                        : new AuditTrail(s.store(), loaded.keys(), PolicyJudge.archive(archive));
                findings = trail.verify(id, h);
            }
            read = Readout.of(h, s.store().deliveredTo(id)).decisions();
        }
        return print(h, read, findings, loaded != null);
    }

    /**
     * Prints a record and what its check found; {@code checked} says whether signatures and policy's
     * decision were checked (without, a signed decision is not called verified).
     */
    private int print(History h, List<ApprovalDecision> decisions, List<AuditTrail.Finding> findings, boolean checked)
            throws Exception {
        if (json()) {
            ObjectNode o = Json.mapper().valueToTree(h);
            o.set("decisions", Json.mapper().valueToTree(decisions));
            o.set("findings", Json.mapper().valueToTree(findings));
            printJson(o);
            return findings.isEmpty() ? 0 : REFUSED;
        }
        Set<Long> broken = new HashSet<>();
        findings.forEach(f -> broken.add(f.sequence()));
        Map<String, Long> announcedAt = new HashMap<>();
        for (Event e : h.events()) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            if (d != null && d.hasNonNull("decisionId")) {
                announcedAt.putIfAbsent(d.get("decisionId").asText(), e.sequence());
            }
        }
        StringBuilder out = new StringBuilder();
        RequestText.describe(h.request(), out);
        PrecedentText.describe(h.request(), out);
        if (!decisions.isEmpty()) {
            out.append("decisions:\n");
            int w = decisions.stream().mapToInt(d -> RequestText.t(d.approver()).length()).max().orElse(0);
            for (ApprovalDecision d : decisions) {
                out.append("  ").append(RequestText.at(d.decisionDate())).append("  ")
                        .append(String.format("%-" + w + "s", RequestText.t(d.approver()))).append("  ")
                        .append(d.decision()).append("  ").append(RequestText.t(String.valueOf(d.approvalLevel())));
                if (d.authoritySource() != null) {
                    out.append(" (").append(RequestText.t(d.authoritySource())).append(')');
                }
                boolean suspect = !checked || broken.contains(announcedAt.get(d.decisionId()))
                        || !announcedAt.containsKey(d.decisionId());
                Object signed = d.metadata() == null ? null : d.metadata().get("signed");
                if (Boolean.TRUE.equals(signed)) {
                    out.append(suspect ? ", signed (NOT verified)" : ", signed");
                } else if (Boolean.FALSE.equals(signed)) {
                    out.append(suspect ? ", unsigned (NOT verified)" : ", unsigned");
                }
                if (d.rationale() != null) {
                    out.append(": ").append(RequestText.t(d.rationale()));
                }
                out.append('\n');
                DecisionText.details(d, out);
            }
        }
        out.append("events:\n");
        int w = h.events().stream().mapToInt(e -> e.type().toString().length()).max().orElse(0);
        for (Event e : h.events()) {
            out.append("  ").append(e.sequence()).append("  ").append(RequestText.at(e.time())).append("  ")
                    .append(String.format("%-" + w + "s", e.type())).append("  ").append(RequestText.t(e.actor()))
                    .append('\n');
        }
        if (findings.isEmpty()) {
            out.append("event chain intact: ").append(h.events().size())
                    .append(h.events().size() == 1 ? " event" : " events");
            out.append(!checked ? " (signatures and policy's decision not checked: no policy directory "
                    + RequestText.t(policies.dir.toString()) + ")\n" : "\n");
        } else {
            out.append("DOES NOT VERIFY: this record was changed outside the workflow, or cannot be checked here;"
                    + " do not act on what it says\n");
            for (AuditTrail.Finding f : findings) {
                out.append("  ").append(f.sequence() == null ? "" : "event " + f.sequence() + ": ")
                        .append(RequestText.t(f.problem())).append('\n');
            }
        }
        out().print(out);
        return findings.isEmpty() ? 0 : REFUSED;
    }
}
