package io.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line builds only the part of the tree it runs ({@link Main#commandLine(java.util.function.Function,
 * String...)}), and that part behaves as the whole tree does: the same help, the same errors, the same
 * version.
 */
class CommandTreeTest {

    private static final java.util.function.Function<String, String> NO_ENV = name -> null;

    /** What a command line prints, on both streams, and its exit code. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), NO_ENV, args);
        return code + "\n" + out + "\n--\n" + err;
    }

    /** The same command line run against the whole tree, as every command line was before. */
    private static String runWhole(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(NO_ENV);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> Main.EXIT_BAD_INPUT);
        StringWriter usage = new StringWriter();
        CommandLine at = cli;
        for (String a : args) {
            if (at.getSubcommands().containsKey(a)) {
                at = at.getSubcommands().get(a);
            }
        }
        at.usage(new PrintWriter(usage, true));
        return usage.toString();
    }

    private static List<List<String>> everyCommandPath() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(NO_ENV), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine c, List<String> path, List<List<String>> paths) {
        c.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            paths.add(p);
            collect(sub, p, paths);
        });
    }

    @Test
    void theNamesTheCommandsAreFoundByAreTheirOwn() {
        Main.COMMANDS.forEach((name, type) -> assertEquals(name, type.getAnnotation(picocli.CommandLine.Command.class).name()));
        assertEquals(Main.COMMANDS.keySet(), Main.commandLine(NO_ENV).getSubcommands().keySet());
    }

    @Test
    void aNamedCommandBuildsTheRootAndThatCommandOnly() {
        assertEquals(Set.of("show"), Main.commandLine(NO_ENV, "show", "some-id").getSubcommands().keySet());
        assertEquals(Set.of("policy"), Main.commandLine(NO_ENV, "policy", "check", "policies").getSubcommands().keySet());
        assertEquals(Set.of(), Main.commandLine(NO_ENV, "--version").getSubcommands().keySet());
    }

    @Test
    void whatWalksOrListsTheTreeGetsAllOfIt() {
        int all = Main.COMMANDS.size();
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "policy", "test"}, {"completion"}, {"shw"},
                {"--version", "show"}}) {
            assertEquals(all, Main.commandLine(NO_ENV, args).getSubcommands().size(), String.join(" ", args));
        }
    }

    @Test
    void everyCommandsHelpIsTheSameFromItsOwnPartOfTheTree() {
        List<List<String>> paths = everyCommandPath();
        assertTrue(paths.size() > Main.COMMANDS.size(), "nested commands are included: " + paths.size());
        for (List<String> path : paths) {
            if (path.get(0).equals("help") || path.get(0).equals("completion")) {
                continue; // they run on the whole tree, as ever (above)
            }
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String partial = run(args.toArray(String[]::new));
            assertEquals("0\n" + runWhole(path.toArray(String[]::new)) + "\n--\n", partial, String.join(" ", path));
        }
    }

    @Test
    void errorsAndVersionReadAsFromTheWholeTree() {
        String version = Main.commandLine(NO_ENV).getCommandSpec().version()[0];
        assertTrue(version.startsWith("countersign "), version);
        assertEquals("0\n" + version + "\n\n--\n", run("--version"));
        String typo = run("shw", "x");
        assertTrue(typo.startsWith("2\n") && typo.contains("unknown command 'shw': did you mean show?"), typo);
        String option = run("show", "--bogus", "x");
        assertTrue(option.startsWith("2\n") && option.contains("unknown option '--bogus'")
                && option.contains("Run 'countersign show --help' for usage."), option);
    }
}
