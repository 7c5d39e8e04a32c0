package io.countersign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A home (the embedded store) and a policy set of one test's own, and the command run against them in
 * an environment the test chooses — never the process's, so a COUNTERSIGN_NOTIFY on the machine that
 * runs the tests changes nothing.
 */
public record Workspace(Path home, Path policies) {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"

              rule admin {
                when profile == "prod-admin"
                then require approval
                  from 1 of group "sre-leads"
                  expire after 24h
                  cap duration 4h
              }
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads], attributes: {employment: employee}}
              bob: {groups: [sre-leads], attributes: {employment: employee}}
              frank: {groups: [engineering], attributes: {employment: employee}}
            """;

    public static Workspace in(Path dir) throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("production.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
        Workspace ws = new Workspace(dir.resolve("home"), policies);
        // The policy wants signed requests and decisions: the requester and approvers make their keys, as the README says.
        for (String user : List.of("alice", "bob", "frank")) {
            Run made = ws.decide(Map.of(), "keys", "init", "--as", user);
            if (made.exit() != 0) {
                throw new AssertionError(made.err());
            }
        }
        return ws;
    }

    /** A command that reads no policies, with this home. */
    public Run run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        long t0 = System.nanoTime();
        Run run = Run.in(env, all.toArray(String[]::new));
        System.out.printf("%5d ms  countersign %s -> %d%n", (System.nanoTime() - t0) / 1_000_000, String.join(" ", args),
                run.exit());
        return run;
    }

    /** A command that decides (request, approve, sweep), with this home and these policies. */
    public Run decide(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--policies=" + policies);
        return run(env, all.toArray(String[]::new));
    }

    /** frank asks for production admin; with {@code approver}, it is approved: the id. */
    public String request(String approver) throws IOException {
        Run submitted = decide(Map.of(), "request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h",
                "--justification", "Rotate the database credentials", "-q");
        if (submitted.exit() != 0) {
            throw new AssertionError(submitted.err());
        }
        String id = submitted.out().strip();
        if (approver != null) {
            Run approved = decide(Map.of(), "approve", id, "--as", approver, "--reason", "On the change calendar");
            if (approved.exit() != 0) {
                throw new AssertionError(approved.err());
            }
        }
        return id;
    }

    /** The request's events as stored, read back with {@code show --output json}. */
    public List<JsonNode> events(String id) throws IOException {
        Run shown = run(Map.of(), "show", id, "--output", "json");
        if (shown.exit() != 0) {
            throw new AssertionError(shown.err());
        }
        List<JsonNode> out = new ArrayList<>();
        Json.mapper().readTree(shown.out()).get("events").forEach(out::add);
        return out;
    }
}
