package io.countersign.cli.policy;

import io.countersign.engine.policy.PolicyDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads the policy directory a lifecycle command is about to read, on a second thread, while the first
 * builds picocli's command tree: start-up of {@code show}, {@code approve} and the rest is mostly cold code,
 * and the two halves need not wait for each other (docs/store.md "Start-up"). Only a guess at what the
 * command will read — {@code --policies DIR}, else {@code COUNTERSIGN_POLICIES}, else {@code ./policies},
 * as {@code PolicyOptions} resolves it — so it is taken only by a read of exactly that directory, and only
 * when it succeeded: a directory with problems is read again, and they are printed as ever. Nothing read
 * is trusted more for having been read early: it is the same {@link PolicyDirectory#load} a moment sooner.
 */
public final class PolicyPrefetch {

    /** The commands that read the policy directory on the embedded store, and take it from here. */
    private static final Set<String> READERS = Set.of("show", "request", "approve", "deny", "delegate", "escalate",
            "cancel", "revoke", "appeal", "access", "list", "sweep", "followups", "audit");

    private record Pending(Path dir, CompletableFuture<PolicyDirectory> loaded) {
    }

    private static volatile Pending pending;

    private PolicyPrefetch() {
    }

    /** Starts reading the directory {@code args} name, when they name a command that reads one and it exists. */
    public static void start(List<String> args, Function<String, String> environment) {
        if (args.isEmpty() || !READERS.contains(args.get(0)) || args.contains("--server")
                || environment.apply("COUNTERSIGN_SERVER") != null) {
            return;
        }
        Path dir = Path.of(named(args, environment)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return;
        }
        CompletableFuture<PolicyDirectory> loaded = new CompletableFuture<>();
        pending = new Pending(dir, loaded);
        Thread t = new Thread(() -> {
            try {
                loaded.complete(PolicyDirectory.load(dir));
            } catch (Exception | Error e) {
                loaded.completeExceptionally(e);
            }
        }, "countersign-policy-prefetch");
        t.setDaemon(true);
        t.start();
    }

    /** The directory read early, when it is {@code dir} and was read without a problem; at most once. */
    static Optional<PolicyDirectory> take(Path dir) {
        Pending p = pending;
        if (p == null || !p.dir().equals(dir.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        pending = null;
        try {
            return Optional.of(p.loaded().join());
        } catch (RuntimeException e) {
            return Optional.empty(); // read again by the caller, which reports what is wrong
        }
    }

    private static String named(List<String> args, Function<String, String> environment) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--policies=")) {
                return a.substring("--policies=".length());
            }
            if (a.equals("--policies") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
        }
        String env = environment.apply("COUNTERSIGN_POLICIES");
        return env != null && !env.isEmpty() ? env : "policies";
    }
}
