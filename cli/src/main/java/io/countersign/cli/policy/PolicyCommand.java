package io.countersign.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign policy}: check and format policy files. */
@Command(name = "policy",
        header = "Check, format, test, explain, compile and benchmark policy files.",
        mixinStandardHelpOptions = true,
        description = "Work with policy files: check, format, test, explain, compile and benchmark them.",
        subcommands = {PolicyCheck.class, PolicyFmt.class, PolicyTest.class, PolicyExplain.class,
            PolicyCompile.class, PolicyBench.class},
        footer = {"", "Examples:", "  countersign policy check policies/", "  countersign policy fmt --check policies/",
            "  countersign policy test policies/"})
public final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: check, fmt, test, explain, compile or bench (try countersign policy --help)");
    }
}
