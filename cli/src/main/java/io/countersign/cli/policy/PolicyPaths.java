package io.countersign.cli.policy;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The policy files of {@code policy check} and {@code policy fmt}: positional files and directories, or
 * {@code --policies DIR} like every other command (env COUNTERSIGN_POLICIES; default: ./policies).
 */
public final class PolicyPaths {

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Policy files or directories (default: the --policies directory).")
    List<Path> positional;

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "${env:COUNTERSIGN_POLICIES:-policies}",
            description = "The policy directory with its directory.yaml (env COUNTERSIGN_POLICIES; default: ./policies).")
    Path option;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The paths named, or the policy directory. */
    public List<Path> paths() {
        if (positional == null || positional.isEmpty()) {
            return List.of(option);
        }
        if (given(command, "--policies")) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "Name the policies once: as PATH arguments or with --policies DIR, not both");
        }
        return positional;
    }

    /** The one directory named by a positional DIR or by --policies. */
    static Path one(CommandLine.Model.CommandSpec command, Path positional, Path option) {
        if (positional == null) {
            return option;
        }
        if (given(command, "--policies") && !positional.equals(option)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "Name the policy directory once: '" + positional + "' or --policies '" + option + "', not both");
        }
        return positional;
    }

    private static boolean given(CommandLine.Model.CommandSpec command, String option) {
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }
}
