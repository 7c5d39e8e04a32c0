package io.countersign.cli;

import io.countersign.lang.text.Escape;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign help [COMMAND...]}: the help of any command, however deep ({@code help policy test}). */
@Command(name = "help",
        header = "Show the help of a command: countersign help policy test.",
        description = "Show the help of the command named, at any depth: countersign help policy test is countersign"
                + " policy test --help.",
        helpCommand = true,
        footer = {"", "Example:", "  $ countersign help policy test"})
final class HelpCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, and its subcommands.")
    List<String> path = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine at = spec.root().commandLine();
        for (String name : path) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                spec.commandLine().getErr().println("countersign: unknown command '" + Escape.text(name) + "' under '"
                        + at.getCommandSpec().qualifiedName() + "': it has " + (at.getSubcommands().isEmpty() ? "none"
                        : String.join(", ", at.getSubcommands().keySet())));
                return Main.EXIT_BAD_INPUT;
            }
            at = next;
        }
        at.usage(spec.commandLine().getOut());
        return 0;
    }
}
