package io.countersign.cli.store;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store}: the table requests live in. */
@Command(name = "store",
        header = "Manage the store that holds requests, decisions and events.",
        mixinStandardHelpOptions = true,
        description = "Manage the store that holds requests, decisions and events: the embedded SQLite file, or a DynamoDB table.",
        subcommands = {StoreInit.class, StoreCheck.class, StoreUpgrade.class, StoreExport.class, StoreImport.class},
        footer = {"", "Examples:", "  countersign store init --region eu-central-1 --table countersign",
            "  countersign store check --region eu-central-1 --table countersign",
            "  countersign store upgrade --region eu-central-1 --table countersign",
            "  countersign store export --file countersign-export.jsonl"})
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: init, check, upgrade, export or import (try countersign store --help)");
    }
}
