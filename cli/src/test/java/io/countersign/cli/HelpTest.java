package io.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.text.HelpLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Help that reads well at any width: a one-line summary for every command, descriptions wrapped at
 * spaces only, examples exactly as written, options in one order; and completion, version and
 * {@code help COMMAND...}.
 */
class HelpTest {

    /** Every command of the tree, depth first. */
    static List<CommandLine> commands() {
        CommandLine root = Main.commandLine(System::getenv);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        c.getSubcommands().values().forEach(s -> collect(s, all));
    }

    static String help(CommandLine c, int width) {
        c.setUsageHelpAutoWidth(false);
        c.setUsageHelpWidth(width);
        StringWriter out = new StringWriter();
        c.usage(new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void everyCommandHasAOneLineSummary() {
        for (CommandLine c : commands()) {
            String[] header = c.getCommandSpec().usageMessage().header();
            String name = c.getCommandSpec().qualifiedName();
            assertEquals(1, header.length, name + " has no header");
            assertTrue(header[0].length() <= 76 && header[0].matches(".*[.?]"), name + ": " + header[0]);
        }
    }

    @Test
    void descriptionsWrapAtSpacesAndExamplesStayWhole() {
        for (int width : new int[] {60, 80, 120}) {
            for (CommandLine c : commands()) {
                String name = c.getCommandSpec().qualifiedName() + " at " + width;
                String help = help(c, width);
                List<String> tokens = Arrays.asList(help.split("\\s+"));
                // every word of the description is printed whole: wrapping never splits one
                for (String word : String.join(" ", c.getCommandSpec().usageMessage().description()).split("\\s+")) {
                    assertTrue(word.isEmpty() || tokens.contains(word), name + ": '" + word + "' was split:\n" + help);
                }
                // every example and output line of the footer appears as written, on one line
                List<String> lines = help.lines().toList();
                for (String line : c.getCommandSpec().usageMessage().footer()) {
                    if (line.startsWith(" ")) {
                        assertTrue(lines.contains(line.stripTrailing()), name + ": example wrapped: " + line + "\n" + help);
                    }
                }
                // prose lines fit; only examples may be wider
                for (String line : lines) {
                    assertTrue(line.length() <= width || line.startsWith("  ") || !line.contains(" "),
                            name + ": " + line.length() + " columns: " + line);
                }
                // the summary of each subcommand is shown whole in the list
                String flat = help.replaceAll("\\s+", " ");
                c.getSubcommands().values().forEach(s -> assertTrue(flat.contains(HelpLayout.summary(s.getCommandSpec())),
                        name + " lists " + s.getCommandName() + " without its summary:\n" + help));
            }
        }
    }

    @Test
    void optionsComeInOneOrderEverywhere() {
        List<String> shared = List.of("--as", "--policies", "--key", "--notify", "--dynamodb-endpoint", "--region", "--table",
                "--home", "--output", "--help");
        for (CommandLine c : commands()) {
            String help = help(c, 200);
            int last = -1;
            for (String option : shared) {
                int at = help.indexOf("  " + option + "=");
                at = at < 0 ? help.indexOf(", " + option) : at;
                at = at < 0 ? help.indexOf("  " + option + " ") : at;
                if (at >= 0) {
                    assertTrue(at > last, c.getCommandSpec().qualifiedName() + ": " + option + " out of order:\n" + help);
                    last = at;
                }
            }
        }
    }

    @Test
    void helpOfANestedCommandVersionAndCompletion() {
        Run nested = Run.of("help", "policy", "test");
        assertEquals(0, nested.exit(), nested.err());
        assertTrue(nested.out().startsWith("Usage: countersign policy test [OPTIONS] [DIR]\n"), nested.out());
        Run unknown = Run.of("help", "policy", "tset");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command 'tset' under 'countersign policy'"), unknown.err());

        Run version = Run.of("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().matches("countersign \\S+ \\(commit [0-9a-f]{7,40}, built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\n"),
                version.out());

        Run bash = Run.of("completion", "bash");
        assertEquals(0, bash.exit(), bash.err());
        assertTrue(bash.out().contains("complete -F _complete_countersign"), bash.out().substring(0, 300));
        Run zsh = Run.of("completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"));
        Run fish = Run.of("completion", "fish");
        assertTrue(fish.out().contains("complete -c countersign -n '__fish_use_subcommand' -a request -d 'Ask for access"),
                fish.out());
        assertTrue(fish.out().contains("complete -c countersign -n '__fish_seen_subcommand_from test' -l run -r"), fish.out());
        assertFalse(Run.of("completion", "tcsh").exit() == 0);
    }
}
