package io.countersign.cli.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.Main;
import io.countersign.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process that runs countersign commands one after another, as a person at a terminal would, each
 * the whole command (options, store, policies, keys, output): the lines of {@code COMMANDS}, arguments
 * separated by tabs. It warms up, creates {@code READY}, waits for {@code GO}, then runs them and prints
 * one JSON line per command: {@code {"args": ..., "exit": ..., "out": ..., "err": ...}}.
 *
 * <pre>java -cp ... CommandWorker READY GO COMMANDS</pre>
 */
public final class CommandWorker {

    private CommandWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path go = Path.of(args[1]);
        List<String> commands = Files.readAllLines(Path.of(args[2]));
        run(List.of("--version"));
        Files.createFile(ready);
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
        for (String line : commands) {
            List<String> command = List.of(line.split("\t"));
            Ran ran = run(command);
            ObjectNode o = Json.mapper().createObjectNode();
            o.putPOJO("args", command).put("exit", ran.exit()).put("out", ran.out()).put("err", ran.err());
            System.out.println(Json.mapper().writeValueAsString(o));
        }
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran run(List<String> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), command.toArray(String[]::new));
        return new Ran(exit, out.toString(), err.toString());
    }
}
