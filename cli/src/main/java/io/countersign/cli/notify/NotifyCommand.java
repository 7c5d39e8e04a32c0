package io.countersign.cli.notify;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign notify}: the outbox and its dead letters. */
@Command(name = "notify",
        header = "Deliver lifecycle events to the notifiers; see and retry dead letters.",
        mixinStandardHelpOptions = true,
        description = {"Deliver lifecycle events to the configured notifiers (webhook, sns) and look after the ones",
            "that could not be delivered. Notifiers: --notify NAME[,NAME...] and notify.yaml in the home directory",
            "(--notify-config FILE); secrets only from the environment (COUNTERSIGN_WEBHOOK_SECRET)."},
        subcommands = {NotifyRun.class, NotifyFailed.class, NotifyRetry.class},
        footer = {"", "Examples:", "  countersign notify run --notify webhook --until-idle", "  countersign notify failed",
            "  countersign notify retry 9b2e41c0-7d0e-4a55-b7f3-2f4c1d0e8a61"})
public final class NotifyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: run, failed or retry (try countersign notify --help)");
    }
}
