package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign deny ID --reason TEXT}. */
@Command(name = "deny",
        header = "Deny a pending request as an eligible approver of its open stage.",
        mixinStandardHelpOptions = true,
        description = {
            "Deny a pending request as an eligible approver of its open stage. One denial denies the request,",
            "whatever the other stages say; the requester may appeal when policy names someone to hear it."},
        footer = {"",
            "Example:",
            "  $ countersign deny 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as alice --reason \"Not during the release\"",
            "  alice denied the request",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: denied",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    why: Denied by alice: Not during the release",
            "    appeal: countersign escalate 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --reason ... (heard by group:security-oncall)",
            "",
            "Exit codes: 0 denied, 1 refused (not eligible, not pending), 2 bad input or no such request."})
public final class Deny extends ActionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required).")
    String rationale;

    /** The name this option had before every action's reason was called {@code --reason}; kept for scripts. */
    @Option(names = "--rationale", paramLabel = "TEXT", hidden = true)
    void rationale(String text) {
        rationale = text;
    }

    @picocli.CommandLine.Mixin
    RemarkOptions remarks;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    void check() {
        if (rationale == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--reason=TEXT' (why the request is denied)");
        }
    }

    @Override
    Act act(Countersign cs) {
        return Act.deny(remarks.apply(Terms.because(rationale)));
    }

    @Override
    String headline(String actor, StoredRequest after) {
        return actor + " denied the request";
    }
}
