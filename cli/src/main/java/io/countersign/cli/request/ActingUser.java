package io.countersign.cli.request;

import io.countersign.engine.directory.Directory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --as USER}: who acts. There is no login: the command takes the caller's word, as a gateway would not. */
public final class ActingUser {

    @Option(names = "--as", paramLabel = "USER", defaultValue = "${env:COUNTERSIGN_USER}",
            description = "Who acts (env COUNTERSIGN_USER).")
    String user;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** Whether a user was named. */
    boolean present() {
        return user != null && !user.isBlank();
    }

    /** The acting user; a missing one is bad input, reported before the store is opened. */
    public String require() {
        if (!present()) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "Missing the acting user: say who acts with --as USER or COUNTERSIGN_USER");
        }
        return user.trim();
    }

    /** The acting user, who must be in the directory: a name it does not know is refused, never taken on trust. */
    public String require(Directory directory) {
        return known(command, "--as", require(), directory);
    }

    /** {@code user}, named by {@code option}, when the directory knows them; else bad input. */
    static String known(CommandLine.Model.CommandSpec command, String option, String user, Directory directory) {
        if (directory.user(user).isEmpty()) {
            throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '" + option
                    + "': no user '" + user + "' in the policies' directory.yaml (add them there, or check the name)");
        }
        return user;
    }
}
