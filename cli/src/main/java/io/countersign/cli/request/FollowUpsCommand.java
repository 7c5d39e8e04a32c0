package io.countersign.cli.request;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign followups}: the follow-ups grants owe, and marking them done. */
@Command(name = "followups",
        header = "List the follow-ups grants owe; mark one done with evidence.",
        mixinStandardHelpOptions = true,
        description = {"A grant's 'follow up ACTION within SPAN' is due SPAN after the approval, whether the grant is",
            "still active or not. The sweep announces each one overdue once (followup.overdue); the requester or",
            "an approver marks it done with evidence (followup.done, signed like a decision)."},
        subcommands = {FollowUpsList.class, FollowUpsDone.class},
        footer = {"", "Examples:", "  countersign followups list --overdue",
            "  countersign followups done 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11/1 --as ivan --evidence INC-7-timeline"})
public final class FollowUpsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: list or done (try countersign followups --help)");
    }
}
