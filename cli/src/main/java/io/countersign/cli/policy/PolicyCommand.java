package io.countersign.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign policy}: check and format policy files. */
@Command(name = "policy",
        mixinStandardHelpOptions = true,
        description = "Work with policy files: check them for errors, format them.",
        subcommands = {PolicyCheck.class, PolicyFmt.class},
        footer = {"", "Examples:", "  countersign policy check policies/", "  countersign policy fmt --check policies/"})
public final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: check or fmt (try countersign policy --help)");
    }
}
