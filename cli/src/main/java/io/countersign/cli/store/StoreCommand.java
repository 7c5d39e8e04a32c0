package io.countersign.cli.store;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store}: the table requests live in. */
@Command(name = "store",
        header = "Manage the store that holds requests, decisions and events.",
        mixinStandardHelpOptions = true,
        description = "Manage the store: the DynamoDB table that holds requests, decisions and events.",
        subcommands = {StoreInit.class},
        footer = {"", "Example:", "  countersign store init --region eu-central-1 --table countersign"})
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: init (try countersign store --help)");
    }
}
