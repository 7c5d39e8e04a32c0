package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Act;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign audit note ID --text TEXT [--decision DECISION_ID]}. */
@Command(name = "note",
        header = "Annotate a decision for the audit, later, without editing it.",
        mixinStandardHelpOptions = true,
        description = {
            "Add an auditor's note to a decision of a request: the request's newest decision, or the one",
            "--decision names. The note is an event of its own (audit.noted), chained after the request's last",
            "and signed with your key like any action, so 'audit verify' finds it changed or forged; it changes",
            "nothing of the request and edits no decision. 'show' lists it under the decision it is about (the",
            "decision's auditNotes). Only members of the directory's group 'auditors' who neither asked for the",
            "request nor decided on it may annotate."},
        footer = {"",
            "Example:",
            "  $ countersign audit note 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --as oscar --text \"CHG-1 matches the change calendar\"",
            "  oscar added an audit note",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: approved",
            "  ...",
            "",
            "Exit codes: 0 noted, 1 refused (not an auditor, took part in the request, no decision yet, signature",
            "required), 2 bad input or no such request or decision."})
public final class AuditNote extends ActionCommand {

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "The note (required).")
    String text;

    @Option(names = "--decision", paramLabel = "DECISION_ID",
            description = "The decision annotated (default: the request's newest; 'show --output json' lists their ids).")
    String decision;

    @Override
    Act act(Countersign cs) {
        return Act.note(decision, text);
    }

    @Override
    String headline(String actor, StoredRequest after) {
        return actor + " added an audit note";
    }
}
