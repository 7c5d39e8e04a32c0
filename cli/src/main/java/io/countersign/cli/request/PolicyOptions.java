package io.countersign.cli.request;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --policies DIR}: the policy set that decides, and its {@code directory.yaml}. A command that
 * acts for a person or decides on the store needs the directory: without it no user is known, so its
 * absence is an error, not an empty directory in which every name is a stranger.
 */
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

    /**
     * The users and groups of {@code directory.yaml} beside the policies; a directory without one, or with
     * a broken one, is bad input naming the file (and the line and column of what is wrong).
     */
    public Directory directory() {
        Path file = require().resolve(YamlDirectory.FILE);
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '--policies': "
                    + dir + " has no " + YamlDirectory.FILE + ", which names the users and their groups (users:"
                    + " {alice: {groups: [sre-leads]}}): without it no one can request or decide");
        }
        try {
            return YamlDirectory.read(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
