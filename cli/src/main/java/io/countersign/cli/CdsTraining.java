package io.countersign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The usual commands, once each, on a scratch home and policy set of their own: the build runs this with
 * {@code -XX:ArchiveClassesAtExit} to make the class-data archive ({@code countersign.jsa}) that the
 * {@code countersign} launcher starts the JVM with, so that a command loads its classes ready-made
 * instead of reading and verifying them from the jar. Not a command: it prints nothing when all is well.
 */
public final class CdsTraining {

    static final String POLICY = """
            policy training {
              scope profile matches "prod-*"
              allow unsigned decisions
              default require approval from 1 of group "leads"
            }
            """;

    static final String DIRECTORY = """
            users:
              lead: {groups: [leads], attributes: {employment: employee}}
              dev: {groups: [engineering], attributes: {employment: employee}}
            """;

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("countersign-cds-training");
        try {
            Path policies = Files.createDirectories(dir.resolve("policies"));
            Files.writeString(policies.resolve("training.policy"), POLICY);
            Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
            String home = "--home=" + dir.resolve("home");
            String set = "--policies=" + policies;
            run(0, "--version");
            run(0, "--help");
            run(0, "policy", "check", policies.toString());
            // policy lint and diff: the analysis and the solver's Java side (its native library is not archived)
            Path edited = Files.createDirectories(dir.resolve("edited"));
            Files.writeString(edited.resolve("training.policy"), POLICY.replace("1 of group", "2 of group"));
            run(0, "policy", "lint", policies.toString());
            run(0, "policy", "diff", policies.toString(), edited.toString());
            String id = run(0, "request", "--as", "dev", "--profile", "prod-db", "--duration", "1h", "--justification",
                    "Training the class-data archive", "-q", home, set).strip();
            run(0, "show", id, home);
            run(0, "show", id, "--output", "json", home);
            run(0, "list", "--mine", "--as", "dev", home);
            run(0, "list", "--inbox", "--as", "lead", home, set);
            run(0, "approve", id, "--as", "lead", "--rationale", "Training", home, set);
            run(0, "access", "--requester", "dev", "--profile", "prod-db", home, set);
            run(0, "show", id, home, set); // with policies: its record judged against them
            run(2, "show", "UNKNOWN-ID", home);
            run(0, "audit", "verify", home, set);
            run(0, "audit", "log", home);
            if (args.length > 0) {
                walkThrough(Path.of(args[0]), dir);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The README's walk-through on a copy of the repository's policy set: signed requests and decisions
     * (Ed25519), the production policies' conditions, precedents, revocation and the verified {@code show}
     * of a signed record — the classes a team's everyday commands load, which the small set above leaves out.
     */
    private static void walkThrough(Path repositoryPolicies, Path dir) throws IOException {
        Path policies = dir.resolve("repository-policies");
        try (Stream<Path> walk = Files.walk(repositoryPolicies)) {
            for (Path p : walk.toList()) {
                Path to = policies.resolve(repositoryPolicies.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (p.toString().endsWith(".policy") || p.getFileName().toString().equals("directory.yaml")) {
                    Files.copy(p, to);
                }
            }
        }
        String home = "--home=" + dir.resolve("walk-home");
        String set = "--policies=" + policies;
        for (String user : List.of("ivan", "alice", "bob")) {
            run(0, "keys", "init", "--as", user, home, set);
        }
        for (int round = 0; round < 2; round++) { // the second round has the first as its precedent
            String id = run(0, "request", "--as", "ivan", "--profile", "prod-admin", "--duration", "2h", "--ticket",
                    "CHG-1", "--justification", "Rotate the database credentials", "--context", "mfa=true", "--quiet",
                    home, set).strip();
            run(0, "show", id, home, set);
            run(0, "list", "--inbox", "--as", "alice", home, set);
            run(1, "approve", id, "--as", "ivan", home, set);
            run(0, "approve", id, "--as", "alice", "--reason", "On the change calendar", home, set);
            run(0, "approve", id, "--as", "bob", "--reason", "Agreed", home, set);
            run(0, "access", "--requester", "ivan", "--profile", "prod-admin", home, set);
            run(0, "revoke", id, "--as", "alice", "--reason", "Rotation done", home, set);
            run(1, "access", "--requester", "ivan", "--profile", "prod-admin", home, set);
            run(0, "request", "--as", "ivan", "--profile", "prod-readonly", "--duration", "1h", home, set);
            run(0, "sweep", home, set);
            run(0, "show", id, home, set);
            run(0, "list", "--mine", "--as", "ivan", home, set);
        }
    }

    /** Runs one command; one that does not exit as expected fails the build's training run. */
    private static String run(int expected, String... args) {
        StringWriter out = new StringWriter();
        Writer err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (exit != expected) {
            List<String> command = new ArrayList<>(List.of(args));
            throw new IllegalStateException("countersign " + String.join(" ", command) + " exited " + exit + ": " + err);
        }
        return out.toString();
    }
}
