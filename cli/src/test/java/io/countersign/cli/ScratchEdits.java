package io.countersign.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.json.Json;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Edits of a scratch directory an example needs made outside the command: its policy set cut down or
 * changed, a git repository around it, its store edited behind the command's back.
 */
final class ScratchEdits {

    private ScratchEdits() {
    }

    /** On-call engineers need an SRE lead for production reads: a policy change replay and diff show. */
    static void changeOncallReadonly(Path f) throws IOException {
        String text = Files.readString(f);
        String changed = text.replace("""
                    when profile == "prod-readonly" and requester in group "oncall"
                    then approve
                """, """
                    when profile == "prod-readonly" and requester in group "oncall"
                    then require approval from 1 of group "sre-leads"
                """);
        if (changed.equals(text)) {
            throw new AssertionError("the oncall-readonly rule of " + f + " is not as the help's preparation expects");
        }
        Files.writeString(f, changed);
    }

    /** A copy of the policy directory's files at {@code to}. */
    static void copyPolicies(Path root, String to) throws IOException {
        Path from = root.resolve("policies");
        Path target = Files.createDirectories(root.resolve(to));
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    /**
     * The production policy, its tests and the contractors policy they name, alone: {@code policy diff},
     * {@code lint} and {@code test} take seconds on the whole set (their own tests compare what they find;
     * here the examples' exits and the lines they show).
     */
    static void onlyProduction(Path root) throws IOException {
        only(root, "production.");
        Files.copy(Scratch.REPOSITORY.resolve("policies/contractors.policy"), root.resolve("policies/contractors.policy"));
    }

    /** Leaves only the policy and test files whose names start with {@code prefix}. */
    static void only(Path root, String prefix) throws IOException {
        try (var files = Files.list(root.resolve("policies"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".policy") || f.toString().endsWith(".test.yaml")).toList()) {
                if (!f.getFileName().toString().startsWith(prefix)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The scratch directory a git repository whose branch main holds the policies. */
    static void committed(Path root) throws IOException {
        git(root, "init", "-q", "-b", "main");
        git(root, "add", "policies");
        git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "policies");
    }

    private static void git(Path root, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** An edit behind the store's back: the request's second event names another actor. */
    static void breakSecondEvent(Path home, String id) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(SqliteStore.FILE))) {
            String data;
            try (PreparedStatement read = c.prepareStatement("SELECT data FROM events WHERE request_id = ? AND seq = 2")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new AssertionError("no second event of " + id);
                    }
                    data = rs.getString(1);
                }
            }
            ObjectNode event = (ObjectNode) Json.mapper().readTree(data);
            event.put("actor", "mallory");
            try (PreparedStatement write = c.prepareStatement("UPDATE events SET data = ? WHERE request_id = ? AND seq = 2")) {
                write.setString(1, event.toString());
                write.setString(2, id);
                write.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
