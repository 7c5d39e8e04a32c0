package io.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example in every command's help runs and prints what the help shows. The commands are found by
 * walking the command tree, so a new command's examples are run without a word here. Each command's
 * examples run in order in a {@link Scratch} directory of their own (a copy of {@code policies/}, a home
 * of its own), after the preparation {@link HelpExampleSetups} names for the command or the example
 * (keys made, a request in the state the example needs). How a footer is read is {@link HelpFooter}'s.
 *
 * <p>What is compared (docs/cli.md, "Help"):
 * <ul>
 * <li>An example that shows output must print exactly those lines (stderr, then stdout), where {@code ...}
 * stands for any text and alone on a line for any lines; ids print as any id and instants as any
 * instant (the help's {@code 1f0c9e4a-...} is the test's request), blank lines and trailing spaces are
 * not compared (a blank line ends an example's output in the help), the scratch home as {@code
 * ~/.countersign}, the scratch directory as the current one, key digests ({@code SHA256:...}) as any
 * digest.</li>
 * <li>Every example exits 0, or what its comment says ({@code # ... exit 1}).</li>
 * <li>The help's example ids are replaced, in the command line, by the ids of the requests the
 * preparation made; {@code echo 'TEXT' |} is the standard input, {@code A | B} pipes A's output to B,
 * {@code > FILE}, {@code >> FILE} and {@code --file FILE} write into the scratch directory, {@code VAR=value} before the
 * command is the launcher's (not passed), a stage that is not {@code countersign} ({@code less},
 * {@code export}) is left out, and so is an example that only exports a variable (the preparation sets
 * the command's environment).</li>
 * <li>An example that cannot run here is listed in {@link #NOT_RUN} with why; its command line is still
 * parsed, so a renamed option or command fails the test.</li>
 * </ul>
 */
class HelpExamplesTest {

    /** Examples the test only parses, by a part of their command line, each with why. */
    static final Map<String, String> NOT_RUN = new LinkedHashMap<>();

    static {
        NOT_RUN.put("serve --", "serves until stopped (ServeProcessTest runs it as a process)");
        NOT_RUN.put("login --issuer", "needs an OIDC issuer on the internet (LoginTest: a test issuer)");
        NOT_RUN.put("countersign lsp", "speaks LSP on stdin/stdout until the client exits (LspCommandTest)");
        NOT_RUN.put("store upgrade --region", "DynamoDB: needs an AWS account (StoreUpgradeCommandTest upgrades a"
                + " table on the strict test server)");
        NOT_RUN.put("--region", "needs an AWS account (StoreCheckCommandTest runs the checks on a test server)");
        NOT_RUN.put("--dynamodb-endpoint http://localhost:8000", "needs a DynamoDB endpoint");
        NOT_RUN.put("notify run", "delivers to a webhook on the internet (NotifyCommandsTest: on loopback)");
        NOT_RUN.put("sweep --notify webhook", "delivers to a webhook on the internet (NotifyCommandsTest)");
        NOT_RUN.put("policy bench", "measures for seconds (EngineCommandsTest runs it briefly)");
    }

    static final Pattern EXIT = Pattern.compile("\\bexit (\\d)\\b");

    @TempDir
    static Path dir;
    static final Set<String> notRunUsed = new HashSet<>();
    static int ran;
    static int compared;

    @TestFactory
    Stream<DynamicTest> everyHelpExampleRunsAsShown() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(name -> null), commands);
        return commands.stream()
                .filter(c -> !HelpFooter.of(c.getCommandSpec().usageMessage().footer()).examples().isEmpty())
                .map(c -> DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName(), () -> runExamples(c)));
    }

    @AfterAll
    static void everyExceptionNamesAnExample() {
        for (String skipped : NOT_RUN.keySet()) {
            assertTrue(notRunUsed.contains(skipped), "no help example names '" + skipped + "' any more: drop it from NOT_RUN");
        }
        System.out.printf("help examples: %d commands run, %d outputs compared%n", ran, compared);
        assertTrue(compared >= 35, "the help's examples were compared: " + compared);
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        c.getSubcommands().values().forEach(s -> {
            if (!s.getCommandSpec().usageMessage().hidden()) {
                collect(s, all);
            }
        });
    }

    private static void runExamples(CommandLine command) throws IOException {
        String name = command.getCommandSpec().qualifiedName();
        HelpFooter footer = HelpFooter.of(command.getCommandSpec().usageMessage().footer());
        Scratch scratch = Scratch.in(Files.createDirectories(dir.resolve(name.replace(' ', '-'))));
        HelpExampleSetups.Stage stage = new HelpExampleSetups.Stage(scratch);
        HelpExampleSetups.forCommand(name.substring("countersign".length()).strip(), stage);
        for (HelpFooter.Example example : footer.examples()) {
            String where = name + " --help: $ " + example.line();
            String skipped = NOT_RUN.keySet().stream().filter(example.line()::contains).findFirst().orElse(null);
            if (example.line().startsWith("export ")) {
                continue; // the shell's environment: the preparation sets the command's
            }
            if (skipped == null) {
                HelpExampleSetups.beforeExample(example.line(), stage);
            }
            List<List<String>> stages = stages(stage.substitute(example.line()), where);
            if (skipped != null) {
                notRunUsed.add(skipped);
                for (List<String> words : stages) {
                    if (words.get(0).equals("countersign")) {
                        parses(words.subList(1, words.size()), where);
                    }
                }
                continue;
            }
            Run last = run(stages, stage, where);
            Matcher exit = EXIT.matcher(ShellLine.splitComment(example.line())[1]);
            assertEquals(exit.find() ? Integer.parseInt(exit.group(1)) : 0, last.exit(), where + "\n" + last.err() + last.out());
            if (!example.shown().isEmpty()) {
                compared++;
                List<String> expected = example.shown().stream().map(stage::normalise).toList();
                // a blank line ends what the help shows of an example: the blank lines printed are not compared
                List<String> actual = stage.normalise(last.err() + last.out()).lines().map(String::stripTrailing)
                        .filter(l -> !l.isEmpty()).toList();
                if (!Glob.matches(expected, actual)) {
                    fail(where + "\nthe help shows:\n" + String.join("\n", expected) + "\nthe command printed:\n"
                            + String.join("\n", actual));
                }
            }
        }
    }

    /** The command line as the parser of {@code countersign} reads it: a renamed option fails here. */
    private static void parses(List<String> args, String where) {
        try {
            Main.commandLine(name -> null).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            fail(where + ": does not parse: " + e.getMessage());
        }
    }

    /**
     * The stages of a pipeline, each as words: {@code echo} and {@code countersign} stages, and the
     * redirection of the last as {@code > FILE} / {@code >> FILE} words.
     */
    static List<List<String>> stages(String line, String where) {
        String code = ShellLine.splitComment(line)[0].strip();
        if (code.startsWith("source <(") && code.endsWith(")")) {
            code = code.substring("source <(".length(), code.length() - 1);
        }
        List<List<String>> out = new ArrayList<>();
        for (String part : pipeline(code)) {
            List<String> words = new ArrayList<>(ShellLine.words(part, Map.of()));
            while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
                words.remove(0); // the launcher's environment (COUNTERSIGN_JAVA_OPTS), not the command's
            }
            if (words.isEmpty()) {
                fail(where + ": an empty stage");
            }
            if (words.get(0).equals("countersign") || words.get(0).equals("echo")) {
                out.add(words);
            }
        }
        return out;
    }

    /** {@code code} split at the pipes outside quotes. */
    private static List<String> pipeline(String code) {
        List<String> out = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '|') {
                out.add(code.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(code.substring(start).strip());
        return out;
    }

    /** Runs the stages in order, each reading what the one before printed; the last one's run. */
    private static Run run(List<List<String>> stages, HelpExampleSetups.Stage stage, String where) throws IOException {
        String stdin = null;
        Run last = null;
        for (List<String> words : stages) {
            if (words.get(0).equals("echo")) {
                stdin = words.get(1) + "\n";
                continue;
            }
            List<String> args = new ArrayList<>(words.subList(1, words.size()));
            String redirect = null;
            boolean append = false;
            int at = Math.max(args.indexOf(">"), args.indexOf(">>"));
            if (at >= 0) {
                append = args.get(at).equals(">>");
                redirect = args.get(at + 1);
                args = new ArrayList<>(args.subList(0, at));
            }
            if (last != null) {
                assertEquals(0, last.exit(), where + ": a stage before the last failed\n" + last.err());
            }
            for (int i = 1; i < args.size(); i++) {
                if (args.get(i - 1).equals("--file")) { // a file the command writes: in the scratch directory
                    args.set(i, stage.scratch().root().resolve(args.get(i)).toString());
                }
            }
            last = stage.run(args, stdin);
            ran++;
            stdin = last.out();
            if (redirect != null) {
                Path file = stage.scratch().root().resolve(redirect.startsWith("~/") ? redirect.substring(2) : redirect);
                Files.createDirectories(file.toAbsolutePath().getParent());
                String before = append && Files.exists(file) ? Files.readString(file) : "";
                Files.writeString(file, before + last.out());
            }
        }
        assertFalse(last == null, where + ": no countersign command in the example");
        return last;
    }
}
