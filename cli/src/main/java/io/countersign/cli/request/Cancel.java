package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.StoredRequest;
import picocli.CommandLine.Command;

/** {@code countersign cancel ID}. */
@Command(name = "cancel",
        header = "Withdraw your own pending request.",
        mixinStandardHelpOptions = true,
        description = "Withdraw your own pending request. Signed with your key, like a decision, where you have one;"
                + " a policy that does not say 'allow unsigned decisions' accepts only a signed cancellation.",
        footer = {"",
            "Example:",
            "  $ countersign cancel 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as ivan",
            "  ivan cancelled the request",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: cancelled",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "",
            "Exit codes: 0 cancelled, 1 refused (not yours, not pending), 2 bad input or no such request."})
public final class Cancel extends ActionCommand {

    @Override
    Act act(Countersign cs) {
        return Act.cancel();
    }

    @Override
    String headline(String actor, StoredRequest after) {
        return actor + " cancelled the request";
    }
}
