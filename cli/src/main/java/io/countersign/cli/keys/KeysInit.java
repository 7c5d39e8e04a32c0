package io.countersign.cli.keys;

import io.countersign.cli.Main;
import io.countersign.cli.request.ActingUser;
import io.countersign.cli.request.PolicyOptions;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import io.countersign.cli.policy.Output;
import io.countersign.cli.text.JsonLine;
import io.countersign.lang.source.TextFiles;
import io.countersign.lang.text.Escape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign keys init}. */
@Command(name = "init",
        header = "Make a signing key for the acting user and publish its public half.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Make a signing key (Ed25519) for the acting user. The private key goes to HOME/keys/USER.key,",
            "readable by its owner only; the public key is added to the policy repository's keys/USER.pub.",
            "Commit that file and have it reviewed like any policy change: from then on, approve, deny,",
            "delegate, escalate and revoke sign the decision with the key, and the workflow accepts a",
            "decision only when its signature verifies with the user's keys/USER.pub. A policy that says",
            "'allow unsigned decisions' also accepts unsigned ones, and marks them so.",
            "",
            "A .pub file may hold several keys (one per machine). --force replaces the user's key here: the",
            "old public key moves from keys/USER.pub to keys/retired/USER.pub, where 'audit verify' still",
            "finds it for decisions signed before, but the workflow accepts it no more.",
            "",
            "--passphrase encrypts the private key (openssl reads it: openssl pkey -in USER.key). The passphrase",
            "comes from COUNTERSIGN_KEY_PASSPHRASE or the terminal, never from an option, which ps would show."},
        footer = {"",
            "Example:",
            "  $ countersign keys init --as alice",
            "  alice's signing key: ~/.countersign/keys/alice.key (owner only)",
            "  public key SHA256:Pb1YoSsFUoCY6Qzfb6HTfGeLzQwuQuG4gXeXrwjNMlY added to policies/keys/alice.pub",
            "  Commit policies/keys/alice.pub and have it reviewed: decisions signed with this key are accepted from then on.",
            "  $ countersign keys init --as bob --passphrase   # asks for it twice (or COUNTERSIGN_KEY_PASSPHRASE)",
            "  bob's signing key: ~/.countersign/keys/bob.key (owner only, encrypted)",
            "  ...",
            "",
            "Exit codes: 0 key made (or there already, then nothing changes), 2 bad input (a user the directory.yaml",
            "does not know, an unreadable key file)."})
public final class KeysInit implements Callable<Integer> {

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = StoreOptions.HOME,
            description = "Where the private key goes: DIR/keys (system property countersign.home, env"
                    + " COUNTERSIGN_HOME; default: ~/.countersign).")
    Path home;

    @Option(names = "--force", description = "Replace the user's existing key; its public half is retired.")
    boolean force;

    @Option(names = "--passphrase", description = "Encrypt the private key with a passphrase (PBES2: PBKDF2-HMAC-SHA256,"
            + " AES-256), taken from COUNTERSIGN_KEY_PASSPHRASE or else asked twice on the terminal; at least 8"
            + " characters. Signing then needs it each time, from the same variable or the terminal.")
    boolean passphrase;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        String user = actor.require(policies.directory());
        KeyPaths paths;
        Path priv;
        Path pub;
        try {
            paths = new KeyPaths(home.toAbsolutePath(), policies.require());
            priv = paths.privateKey(user);
            pub = paths.publicKey(user);
        } catch (IllegalArgumentException e) {
            err.println("countersign: " + Escape.text(e.getMessage()));
            return 2;
        }
        try {
            List<PublicKey> active = Files.exists(pub)
                    ? new ArrayList<>(PublicKeys.parse(pub, TextFiles.read(pub)))
                    : new ArrayList<>();
            SigningKey old = null;
            if (Files.exists(priv)) {
                old = SigningKey.read(priv, KeyPassphrase.of(Main.environment(spec)));
                if (!force) {
                    // Running init again changes nothing, except to publish the key when its public half is missing.
                    SigningKey existing = old;
                    boolean listed = active.stream().anyMatch(k -> Arrays.equals(k.getEncoded(),
                            existing.publicKey().getEncoded()));
                    if (!listed) {
                        active.add(existing.publicKey());
                        replace(pub, pems(active));
                    }
                    report(out, user, priv, pub, existing, active.size(), listed ? "exists" : "published");
                    return 0;
                }
            }
            char[] secret = passphrase ? KeyPassphrase.forNew(Main.environment(spec), priv) : null;
            SigningKey key = SigningKey.generate();
            if (old != null) {
                retire(old.publicKey(), active, pub.resolveSibling("retired").resolve(pub.getFileName()));
                Files.delete(priv);
            }
            try {
                key.write(priv, secret);
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
            active.add(key.publicKey());
            replace(pub, pems(active));
            report(out, user, priv, pub, key, active.size(), "made");
            return 0;
        } catch (IOException e) {
            err.println("countersign: " + Escape.text(e.getMessage()));
            return 2;
        }
    }

    private static String pems(List<PublicKey> keys) {
        StringBuilder text = new StringBuilder();
        keys.forEach(k -> text.append(PublicKeys.pem(k)));
        return text.toString();
    }

    /** What happened: {@code made} a new key, {@code exists} already (nothing done), or {@code published} again. */
    private void report(PrintWriter out, String user, Path priv, Path pub, SigningKey key, int keys, String what) {
        if (output.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("user", user);
            o.put("result", what);
            o.put("privateKey", priv.toString());
            o.put("publicKeys", pub.toString());
            o.put("fingerprint", key.fingerprint());
            o.put("keys", keys);
            out.println(JsonLine.of(o));
            return;
        }
        String who = Escape.text(user);
        if (what.equals("exists")) {
            out.println(who + " has a signing key already: " + priv + "; public key " + key.fingerprint() + " is in "
                    + pub + " (nothing to do; --force replaces the key)");
            return;
        }
        if (what.equals("published")) {
            out.println(who + " has a signing key already: " + priv + "; public key " + key.fingerprint()
                    + " added again to " + pub);
        } else {
            out.println(who + "'s signing key: " + priv + (passphrase ? " (owner only, encrypted)" : " (owner only)"));
            out.println("public key " + key.fingerprint() + " added to " + pub + (keys > 1 ? " (it holds " + keys + " keys)" : ""));
        }
        out.println("Commit " + pub + " and have it reviewed: decisions signed with this key are accepted from"
                + " then on.");
    }

    /** Moves {@code key} from the user's keys in use to their retired ones. */
    private static void retire(PublicKey key, List<PublicKey> active, Path retired) throws IOException {
        boolean was = active.removeIf(k -> Arrays.equals(k.getEncoded(), key.getEncoded()));
        if (!was) {
            return;
        }
        String before = Files.exists(retired) ? TextFiles.read(retired) : "";
        if (!PublicKeys.holds(before, key)) {
            replace(retired, before + PublicKeys.pem(key));
        }
    }

    /**
     * Writes a public key file whole or not at all, readable by everyone (rw-r--r--): it is meant to be
     * committed and read by every checkout, unlike the private key (owner only).
     */
    private static void replace(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".pub", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // A temporary file is made owner-only; the rename keeps the mode.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
