package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.model.StageState;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign approve ID}. */
@Command(name = "approve",
        header = "Approve a pending request as one approver of its open stage.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Approve a pending request as one approver of its open stage. The request is approved when every",
            "stage has its quorum of distinct eligible approvers; the access window starts then (or at the",
            "requested start). An approver may narrow what policy grants — a shorter duration, fewer",
            "permissions, more conditions and stipulations — never widen it. Nobody approves their own",
            "request, and nobody counts twice."},
        footer = {"",
            "Examples:",
            "  $ countersign approve 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as alice --reason \"On the change calendar\"",
            "  alice approved: stage 1 of 1 has 1 of 2",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: pending",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    stage 1 of 1 waiting: 2 of group:sre-leads, escalates to group:security-oncall after 30m; approved by alice",
            "    expires: 2026-03-03T09:00:00Z",
            "  $ countersign approve 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as bob --duration 1h --stipulation \"Pair with alice\"",
            "  bob approved: the request is approved",
            "  ...",
            "",
            "Exit codes: 0 approval recorded, 1 refused (not eligible, own request, already approved, not",
            "pending, would widen the grant), 2 bad input or no such request."})
public final class Approve extends ActionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
    String rationale;

    /** The name this option had before every action's reason was called {@code --reason}; kept for scripts. */
    @Option(names = "--rationale", paramLabel = "TEXT", hidden = true)
    void rationale(String text) {
        rationale = text;
    }

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Grant less time than policy would: 1h, PT30M.")
    Duration duration;

    @Option(names = "--grant", paramLabel = "PERMISSION",
            description = "Grant only these of the permissions; repeat for more.")
    List<String> grants = new ArrayList<>();

    @Option(names = "--condition", paramLabel = "KEY=VALUE",
            description = "Add a condition (true, false and numbers are JSON scalars); repeat for more.")
    Map<String, String> conditions;

    @Option(names = "--stipulation", paramLabel = "TEXT", description = "Add a stipulation; repeat for more.")
    List<String> stipulations = new ArrayList<>();

    @picocli.CommandLine.Mixin
    RemarkOptions remarks;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    Act act(Countersign cs) {
        Terms terms = remarks.apply(Terms.because(rationale).withPermissions(grants)
                .withConditions(OpenValueText.parse(spec, "--condition", conditions)).withStipulations(stipulations));
        return Act.approve(duration == null ? terms : terms.withDuration(duration));
    }

    @Override
    String headline(String actor, StoredRequest after) {
        if (after.status() == RequestStatus.APPROVED) {
            return actor + " approved: the request is approved";
        }
        int i = after.currentStage();
        if (i < 0) {
            return actor + " approved";
        }
        StageState s = after.stages().get(i);
        return actor + " approved: stage " + (i + 1) + " of " + after.stages().size() + " has " + s.approvals().size()
                + " of " + s.need();
    }
}
