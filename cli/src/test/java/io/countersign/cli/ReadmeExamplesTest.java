package io.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples, pasted into a fresh directory that holds a copy of {@code policies/} (as the
 * repository root would) and a home of its own: every {@code ./countersign} line of its command blocks
 * is run in-process, in order, and the whole README is run twice in a row on the same home. A script
 * line must exit as its comment says ({@code (exit N)}, else 0); a transcript's command must print what
 * the README shows, ids and instants aside ({@code ...} stands for any text, alone on a line for any
 * lines). A transcript's command that a script ran already is compared with what that run printed.
 */
class ReadmeExamplesTest {

    /** What the test does not run, each with why; every one must still name a line of the README. */
    static final Map<String, String> NOT_RUN = new LinkedHashMap<>(Map.of(
            "store init --region", "needs an AWS account (StoreCheckCommandTest runs the check on a test server)",
            "store init --dynamodb-endpoint", "needs a DynamoDB endpoint on the internet",
            "store check --region", "needs an AWS account",
            "COUNTERSIGN_WEBHOOK_SECRET=", "sets up a webhook on the internet (NotifyCommandsTest: on loopback)",
            "notify.yaml", "sets up a webhook on the internet (NotifyCommandsTest: on loopback)",
            "./countersign notify ", "delivers to a webhook on the internet (NotifyCommandsTest: on loopback)",
            "policy bench", "measures for ten seconds (EngineCommandsTest runs it briefly)"));

    /** A transcript of a history this test does not make: the webhook receiver that refused two events. */
    static final String NOT_COMPARED = "notify run --until-idle";

    @TempDir
    Path root;
    Scratch scratch;
    final Map<String, String> variables = new HashMap<>();
    final Map<String, List<Run>> ran = new HashMap<>();

    @Test
    void theReadmesExamplesRunTwiceInARowOnOneHome() throws IOException {
        ReadmeBlocks readme = ReadmeBlocks.of(Files.readString(Scratch.REPOSITORY.resolve("README.md")));
        scratch = Scratch.in(root);
        // the files the README's examples name besides the policy set: a broken policy, one to format
        Files.writeString(root.resolve("broken.policy"), """
                policy broken {
                  rule r {
                    when user.name == "x"
                    then approve
                  }
                }
                """);
        Files.copy(root.resolve("policies/production.policy"), root.resolve("prod.policy"));

        for (String skipped : NOT_RUN.keySet()) {
            assertTrue(readme.blocks().stream().anyMatch(b -> b.lines().stream().anyMatch(l -> l.contains(skipped))),
                    "no README line names '" + skipped + "' any more: drop it from NOT_RUN");
        }
        int commands = 0;
        for (int pass = 1; pass <= 2; pass++) {
            ran.clear();
            variables.clear();
            for (ReadmeBlocks.Block block : readme.blocks()) {
                commands += block.transcript() ? transcript(block, pass) : script(block, pass);
            }
        }
        assertTrue(commands > 40, "the README's examples were run: " + commands);
    }

    private int script(ReadmeBlocks.Block block, int pass) throws IOException {
        int count = 0;
        for (String line : block.joined()) {
            if (line.isBlank() || line.startsWith("#") || notRun(line)) {
                continue;
            }
            ShellLine shell = ShellLine.parse(line, variables);
            for (List<String> command : shell.commands()) {
                Run run = scratch.run(command, shell.stdin());
                count++;
                String where = "README line " + block.line() + ", pass " + pass + ": ./countersign "
                        + String.join(" ", command) + "\n" + run.err() + run.out();
                assertEquals(shell.expectedExit(), run.exit(), where);
                ran.computeIfAbsent(key(line), k -> new ArrayList<>()).add(run);
                if (shell.assignTo() != null) {
                    variables.put(shell.assignTo(), run.out().strip());
                }
                if (shell.appendTo() != null) {
                    Files.writeString(root.resolve(shell.appendTo()), run.out(), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            }
        }
        return count;
    }

    private int transcript(ReadmeBlocks.Block block, int pass) throws IOException {
        if (block.lines().stream().anyMatch(l -> l.contains(NOT_COMPARED))) {
            return 0;
        }
        int count = 0;
        for (ReadmeBlocks.Entry entry : block.entries()) {
            if (notRun(entry.command())) {
                continue;
            }
            String where = "README block at line " + block.line() + ", pass " + pass + ": $ " + entry.command();
            List<Run> runs = ran.get(key(entry.command()));
            if (runs == null) {
                ShellLine shell = ShellLine.parse(entry.command(), variables);
                runs = new ArrayList<>();
                for (List<String> command : shell.commands()) {
                    Run run = scratch.run(command, shell.stdin());
                    count++;
                    assertEquals(shell.expectedExit(), run.exit(), where + "\n" + run.err() + run.out());
                    runs.add(run);
                }
            }
            if (entry.expected().isEmpty()) {
                continue;
            }
            List<String> expected = entry.expected().stream().map(scratch::normalise).toList();
            List<String> printed = new ArrayList<>();
            for (Run run : runs) {
                List<String> actual = scratch.normalise(run.err() + run.out()).lines().toList();
                if (Glob.matches(expected, actual)) {
                    printed = null;
                    break;
                }
                printed.add(String.join("\n", actual));
            }
            if (printed != null) {
                fail(where + "\nthe README shows:\n" + String.join("\n", expected) + "\nthe command printed:\n"
                        + String.join("\n---\n", printed));
            }
        }
        return count;
    }

    private boolean notRun(String line) {
        return NOT_RUN.keySet().stream().anyMatch(line::contains);
    }

    /** A command line as the README writes it, without its comment and extra spaces. */
    private static String key(String line) {
        String code = line.contains(" #") ? line.substring(0, line.indexOf(" #")) : line;
        return code.strip().replaceAll("\\s+", " ");
    }
}
