package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.StoredRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign delegate ID --to USER}. */
@Command(name = "delegate",
        header = "Give your place in a request's open stage to someone else.",
        mixinStandardHelpOptions = true,
        description = {
            "Give your place in the open stage to someone else, unless policy says no delegation. The",
            "delegate approves (or denies) on your behalf; the two of you count as one approver."},
        footer = {"",
            "Example:",
            "  $ countersign delegate 7d3e2a10-8c4f-4b5e-b1a2-9f0d6c5e4b33 --as erin --to nadia",
            "  erin delegated their place to nadia",
            "  7d3e2a10-8c4f-4b5e-b1a2-9f0d6c5e4b33: pending",
            "    peggy asks for db-staging-reports (export) for 2h, ticket DATA-7: Quarterly numbers",
            "    stage 1 of 1 waiting: 1 of user:erin; delegated erin -> nadia",
            "    expires: 2026-03-03T09:00:00Z",
            "",
            "Exit codes: 0 delegated, 1 refused (no delegation, not eligible, already approved), 2 bad input",
            "or no such request."})
public final class Delegate extends ActionCommand {

    @Option(names = "--to", paramLabel = "USER", required = true, description = "Who takes your place.")
    String to;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    Act act(Countersign cs) {
        if (cs != null) { // on a server, the server's directory judges the delegate
            ActingUser.known(spec, "--to", to, policies.directory());
        }
        return Act.delegate(to);
    }

    @Override
    String headline(String actor, StoredRequest after) {
        return actor + " delegated their place to " + RequestText.t(to);
    }
}
