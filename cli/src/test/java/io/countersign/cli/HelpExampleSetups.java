package io.countersign.cli;

import io.countersign.cli.notify.Receiver;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the help's examples assume, made before they run: the keys of who acts (every action is signed),
 * requests in the state an example needs — their ids standing in for the help's — and the files an
 * example names. The users are the repository's directory's: ivan asks (he is on call, so the
 * office-hours policy decides his requests the same at any hour), alice and bob lead SRE, as in the
 * README.
 */
final class HelpExampleSetups {

    /** The help's ids, each standing for a request or an event the preparation makes. */
    static final String REQUEST = "1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11";
    static final String DENIED = "5b1d0c7e-2f3a-4e6b-8d9c-0a1b2c3d4e5f";
    static final String DELEGABLE = "7d3e2a10-8c4f-4b5e-b1a2-9f0d6c5e4b33";
    static final String DEAD_LETTER = "9b2e41c0-7d0e-4a55-b7f3-2f4c1d0e8a61";

    static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("SHA256:[A-Za-z0-9+/=]{43,44}");

    /** Who acts in the examples: their keys are made once (a command run each), then copied. */
    static final List<String> USERS = List.of("ivan", "alice", "bob", "carol", "peggy", "erin", "nadia", "oscar");
    private static Scratch keysMadeOnce;

    private HelpExampleSetups() {
    }

    private static synchronized Scratch keysMadeOnce(Path dir) throws IOException {
        if (keysMadeOnce == null || !keysMadeOnce.root().startsWith(dir)) {
            Stage made = new Stage(Scratch.in(Files.createDirectories(dir.resolve("keys-made-once"))));
            for (String user : USERS) {
                made.ok("keys", "init", "--as", user);
            }
            keysMadeOnce = made.scratch();
        }
        return keysMadeOnce;
    }

    /** One command's scratch directory and what its examples are run with. */
    static final class Stage {
        private final Scratch scratch;
        private final Map<String, String> ids = new LinkedHashMap<>();
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, String> shownAs = new LinkedHashMap<>();

        Stage(Scratch scratch) {
            this.scratch = scratch;
        }

        Scratch scratch() {
            return scratch;
        }

        /** The example's line with the help's ids replaced by the ones made here. */
        String substitute(String line) {
            String out = line;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }

        /** What a command printed, as the help writes it. */
        String normalise(String printed) {
            String out = printed.replace(scratch.home().toString(), "~/.countersign");
            for (Map.Entry<String, String> e : shownAs.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return DIGEST.matcher(scratch.normalise(out)).replaceAll("SHA256:<digest>");
        }

        Run run(List<String> args, String stdin) {
            return scratch.run(args, stdin, env);
        }

        /** A preparing command, which must succeed. */
        Run ok(String... args) {
            Run r = run(Arrays.asList(args), null);
            if (r.exit() != 0) {
                throw new AssertionError("preparing: countersign " + String.join(" ", args) + "\n" + r.err() + r.out());
            }
            return r;
        }

        /** The users' keys, as {@code keys init --as USER} makes them: copied from the ones made once. */
        void keys(String... users) throws IOException {
            Scratch made = keysMadeOnce(scratch.root().getParent());
            for (String user : users) {
                copy(made.home().resolve("keys"), scratch.home().resolve("keys"), user + ".key");
                copy(made.root().resolve("policies/keys"), scratch.root().resolve("policies/keys"), user + ".pub");
            }
        }

        /** {@code name} from one directory to another, with the file's and the directory's permissions. */
        private static void copy(Path from, Path to, String name) throws IOException {
            if (!Files.isDirectory(to)) {
                Files.createDirectories(to);
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }

        /** A request made with {@code args} (after {@code request}): its id. */
        String request(String... args) {
            List<String> all = new ArrayList<>(List.of("request"));
            all.addAll(Arrays.asList(args));
            all.add("-q");
            return ok(all.toArray(String[]::new)).out().strip();
        }

        /** ivan asks for production admin as the README's walk-through does: pending, 2 of group:sre-leads. */
        String pending() throws IOException {
            keys("ivan", "alice", "bob");
            return request("--as", "ivan", "--profile", "prod-admin", "--duration", "2h", "--ticket", "CHG-1",
                    "--justification", "Rotate the database credentials", "--context", "mfa=true");
        }

        /** The same, approved by alice and bob. */
        String approved() throws IOException {
            String id = pending();
            ok("approve", id, "--as", "alice", "--reason", "On the change calendar");
            ok("approve", id, "--as", "bob", "--reason", "Agreed");
            return id;
        }

        void file(String path, String text) throws IOException {
            Path f = scratch.root().resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        }
    }

    /** Prepares what the examples of {@code command} (its name below {@code countersign}) assume. */
    static void forCommand(String command, Stage s) throws IOException {
        switch (command) {
            case "", "request" -> s.keys("ivan");
            case "list" -> {
                s.pending();
                s.request("--as", "ivan", "--profile", "prod-readonly", "--duration", "1h");
            }
            case "approve", "deny", "cancel", "escalate" -> s.ids.put(REQUEST, s.pending());
            case "show", "revoke", "access", "audit log", "report", "store export", "store" -> s.ids.put(REQUEST, s.approved());
            case "audit" -> s.ids.put(REQUEST, s.approved());
            case "audit note" -> {
                s.keys("oscar");
                s.ids.put(REQUEST, s.approved());
            }
            case "audit verify" -> {
                ScratchEdits.committed(s.scratch().root());
                s.ids.put(REQUEST, s.approved());
            }
            case "delegate" -> {
                s.keys("peggy", "erin", "nadia");
                s.ids.put(DELEGABLE, s.request("--as", "peggy", "--profile", "db-staging-reports", "--duration", "2h",
                        "--permission", "export", "--ticket", "DATA-7", "--justification", "Quarterly numbers"));
            }
            case "followups", "followups list", "followups done" -> {
                s.keys("ivan");
                s.ids.put(REQUEST, s.request("--as", "ivan", "--profile", "breakglass-db", "--duration", "1h",
                        "--ticket", "INC-7", "--justification", "The primary database is down", "--context",
                        "incident=INC-7"));
            }
            case "keys init", "keys" -> s.env.put("COUNTERSIGN_KEY_PASSPHRASE", "a passphrase of some length");
            case "notify", "notify failed", "notify retry" -> deadLetter(s);
            case "policy check" -> s.file("broken.policy", """
                    policy broken {
                      rule r {
                        when user.name == "x"
                        then approve
                      }
                    }
                    """);
            case "policy fmt" -> s.file("policies/prod.policy", """
                    policy prod {
                    scope profile matches "prod-*"
                      default require approval   from 1 of group "sre-leads"
                    }
                    """);
            case "policy", "policy test" -> {
                ScratchEdits.onlyProduction(s.scratch().root());
                ScratchEdits.committed(s.scratch().root());
            }
            case "policy diff" -> {
                ScratchEdits.onlyProduction(s.scratch().root());
                ScratchEdits.copyPolicies(s.scratch().root(), "old-policies");
                ScratchEdits.committed(s.scratch().root());
                ScratchEdits.changeOncallReadonly(s.scratch().root().resolve("policies/production.policy"));
            }
            case "policy lint" -> {
                ScratchEdits.only(s.scratch().root(), "db.");
                s.file("policies/db.policy", """
                    policy db {
                      scope profile == "db"

                      rule everyone {
                        when requester in group "eng"
                        then require approval from 1 of group "dba"
                      }

                      rule readers {
                        when requester in group "eng" and permissions contains "select"
                        then approve
                      }
                    }
                    """);
            }
            case "policy replay" -> {
                s.keys("ivan");
                s.request("--as", "ivan", "--profile", "prod-readonly", "--duration", "1h");
                ScratchEdits.changeOncallReadonly(s.scratch().root().resolve("policies/production.policy"));
            }
            default -> {
            }
        }
    }

    /** Prepares what one example assumes, just before it runs. */
    static void beforeExample(String line, Stage s) throws IOException {
        if (line.startsWith("countersign audit verify ") && line.contains("exit 1")) {
            ScratchEdits.breakSecondEvent(s.scratch().home(), s.ids.get(REQUEST));
        }
        if (line.startsWith("countersign escalate " + DENIED)) {
            // A denial no policy decides by the clock (a production one is routed by office hours and night).
            s.keys("peggy");
            s.ids.put(DENIED, s.request("--as", "peggy", "--profile", "db-staging-reports", "--duration", "2h",
                    "--permission", "ddl", "--ticket", "DATA-9", "--justification", "Add the reports index"));
        }
    }

    /** ivan's request, whose first event a webhook receiver on loopback refused: one dead letter. */
    private static void deadLetter(Stage s) throws IOException {
        s.pending();
        try (Receiver receiver = new Receiver()) {
            receiver.status = 400;
            s.env.put("COUNTERSIGN_WEBHOOK_URL", receiver.url());
            s.env.put("COUNTERSIGN_WEBHOOK_SECRET", Receiver.SECRET);
            s.ok("notify", "run", "--notify", "webhook", "--until-idle");
            s.shownAs.put("127.0.0.1", "hooks.example.com");
        }
        String failed = s.ok("notify", "failed", "--output", "json").out();
        s.ids.put(DEAD_LETTER, Json.mapper().readTree(failed).get(0).get("eventId").asText());
    }
}
