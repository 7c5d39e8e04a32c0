package io.countersign.cli.policy;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --output text|json}, and the writers of the command it is mixed into. */
public final class Output {

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    OutputFormat format;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    public boolean json() {
        return format == OutputFormat.json;
    }

    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    public PrintWriter err() {
        return command.commandLine().getErr();
    }
}
