package io.countersign.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign keys}: signing keys. */
@Command(name = "keys",
        header = "Manage the keys people sign their decisions with.",
        mixinStandardHelpOptions = true,
        description = "Manage the keys people sign their decisions with.",
        subcommands = {KeysInit.class},
        footer = {"", "Example:", "  countersign keys init --as alice"})
public final class KeysCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: init (try countersign keys --help)");
    }
}
