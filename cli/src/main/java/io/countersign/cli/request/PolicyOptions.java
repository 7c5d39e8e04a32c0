package io.countersign.cli.request;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --policies DIR}: the policy set that decides, and its {@code directory.yaml}. */
public final class PolicyOptions {

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "${env:COUNTERSIGN_POLICIES:-policies}",
            description = "The policy directory with its directory.yaml (env COUNTERSIGN_POLICIES; default: ./policies).")
    Path dir;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The directory; a missing one is bad input, reported before the store is opened. */
    public Path require() {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "Invalid value for option '--policies': '" + dir + "' is not a directory (pass --policies DIR"
                            + " or set COUNTERSIGN_POLICIES)");
        }
        return dir;
    }
}
