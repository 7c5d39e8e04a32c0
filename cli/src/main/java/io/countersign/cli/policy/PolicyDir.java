package io.countersign.cli.policy;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The policy directory of a {@code policy} subcommand, named the same way on every one: a positional
 * {@code DIR}, or {@code --policies DIR} as the lifecycle commands take it (env COUNTERSIGN_POLICIES;
 * default: ./policies).
 */
public final class PolicyDir {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The policy directory (the same as --policies DIR).")
    Path positional;

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "${env:COUNTERSIGN_POLICIES:-policies}",
            description = "The policy directory with its directory.yaml (env COUNTERSIGN_POLICIES; default: ./policies).")
    Path option;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The directory; naming it twice, differently, is bad input. */
    public Path path() {
        return PolicyPaths.one(command, positional, option);
    }
}
