package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign escalate ID --reason TEXT}. */
@Command(name = "escalate",
        header = "Open a stage to its escalation approvers now, or appeal a denial.",
        mixinStandardHelpOptions = true,
        description = {
            "For a pending request: open its stage to the escalation approvers policy names now, without",
            "waiting for 'escalate after' (the requester or an eligible approver may). For a denied request:",
            "the requester's appeal — the request is pending again, before whoever policy names to hear it."},
        footer = {"",
            "Examples:",
            "  $ countersign escalate 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as ivan --reason \"Outage, leads asleep\"",
            "  ivan escalated the request",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: pending",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    stage 1 of 1 waiting: 2 of group:sre-leads, or group:security-oncall (escalated)",
            "    expires: 2026-03-03T09:00:00Z",
            "  $ countersign escalate 5b1d0c7e-2f3a-4e6b-8d9c-0a1b2c3d4e5f --as peggy --reason \"The pipeline is down\"",
            "  peggy appealed the denial: pending again, before group:dba",
            "  5b1d0c7e-2f3a-4e6b-8d9c-0a1b2c3d4e5f: pending",
            "    peggy asks for db-staging-reports (ddl) for 2h, ticket DATA-9: Add the reports index",
            "    stage 1 of 1 waiting: 1 of group:dba",
            "    expires: 2026-03-03T09:00:00Z",
            "",
            "Exit codes: 0 escalated or appealed, 1 refused (no escalation path, not eligible, final denial),",
            "2 bad input or no such request."})
public final class Escalate extends ActionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (required).")
    String reason;

    private boolean appeal;

    @Override
    Act act(Countersign cs) {
        appeal = cs != null && cs.get(id).status() == RequestStatus.DENIED; // none: on a server
        return Act.escalate(reason);
    }

    @Override
    String headline(String actor, StoredRequest after) {
        if (appeal) {
            return actor + " appealed the denial: pending again, before "
                    + RequestText.join(", ", after.stages().get(after.stages().size() - 1).from());
        }
        return actor + " escalated the request";
    }
}
