package io.countersign.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign completion bash|zsh|fish}: a completion script for the shell. */
@Command(name = "completion",
        header = "Print a shell completion script: bash, zsh or fish.",
        description = {"Print a script that completes countersign's commands and options in the shell. For bash "
                + "and zsh (through its bash compatibility) it is picocli's generated script; for fish, one "
                + "complete line per command and option."},
        mixinStandardHelpOptions = true,
        footer = {"",
            "Examples:",
            "  $ source <(countersign completion bash)                          # in ~/.bashrc",
            "  $ source <(countersign completion zsh)                           # in ~/.zshrc",
            "  $ countersign completion fish > ~/.config/fish/completions/countersign.fish",
            "",
            "Exit codes: 0 printed, 2 an unknown shell."})
final class CompletionCommand implements Callable<Integer> {

    /** The shells a script is made for. */
    enum Shell {
        bash, zsh, fish
    }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case bash -> AutoComplete.bash("countersign", root);
            case zsh -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash("countersign", root);
            case fish -> fish(root);
        };
        spec.commandLine().getOut().print(script);
        return 0;
    }

    /** Fish: each command offered where its parent is the last command typed, and each option under its command. */
    static String fish(CommandLine root) {
        StringBuilder out = new StringBuilder("# countersign completion for fish\ncomplete -c countersign -f\n");
        fish(root, "", out);
        return out.toString();
    }

    private static void fish(CommandLine cl, String parents, StringBuilder out) {
        String here = parents.isEmpty() ? "__fish_use_subcommand"
                : "__fish_seen_subcommand_from " + parents.substring(parents.lastIndexOf(' ') + 1);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String summary = io.countersign.cli.text.HelpLayout.summary(e.getValue().getCommandSpec());
            out.append("complete -c countersign -n '").append(here).append("' -a ").append(e.getKey()).append(" -d ")
                    .append(quote(summary)).append('\n');
        }
        if (!parents.isEmpty()) {
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden() || !o.longestName().startsWith("--")) {
                    continue;
                }
                out.append("complete -c countersign -n '").append(here).append("' -l ").append(o.longestName().substring(2));
                if (o.arity().max() > 0) {
                    out.append(" -r");
                }
                String d = o.description().length == 0 ? "" : o.description()[0];
                int cut = d.indexOf(". ");
                out.append(" -d ").append(quote(cut < 0 ? d : d.substring(0, cut + 1))).append('\n');
            }
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            fish(e.getValue(), parents + " " + e.getKey(), out);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
