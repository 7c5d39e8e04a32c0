package io.countersign.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign audit}: the trail of events and decisions. */
@Command(name = "audit",
        header = "Verify and read the audit trail.",
        mixinStandardHelpOptions = true,
        description = {"Check and read the audit trail: every request's events form a hash chain, and every decision",
            "was announced by an event, so a changed, removed or reordered record shows. Auditors annotate",
            "decisions with signed notes of their own ('audit note')."},
        subcommands = {AuditVerify.class, AuditLog.class, io.countersign.cli.request.AuditNote.class},
        footer = {"", "Examples:", "  countersign audit verify", "  countersign audit log --output json --since 2026-03-01T00:00:00Z"})
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: verify, log or note (try countersign audit --help)");
    }
}
