package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.model.StoredRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign revoke ID --reason TEXT}. */
@Command(name = "revoke",
        header = "End an approved grant now.",
        mixinStandardHelpOptions = true,
        description = {
            "End an approved grant now. The requester may give it up; anyone who approved it, or could have",
            "approved one of its stages, may take it back."},
        footer = {"",
            "Example:",
            "  $ countersign revoke 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as alice --reason \"Rotation done\"",
            "  alice revoked the grant",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: revoked",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    access ended: 2026-03-02T10:05:00Z",
            "",
            "Exit codes: 0 revoked, 1 refused (not approved, already over, may not revoke), 2 bad input or no",
            "such request."})
public final class Revoke extends ActionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (required).")
    String reason;

    @Override
    Act act(Countersign cs) {
        return Act.revoke(reason);
    }

    @Override
    String headline(String actor, StoredRequest after) {
        return actor + " revoked the grant";
    }
}
