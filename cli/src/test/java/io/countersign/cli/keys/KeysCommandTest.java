package io.countersign.cli.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys init} and signed decisions from the command line: the key is made where the README
 * says, approvals are signed with it, and a decision without a key or with someone else's is refused.
 */
class KeysCommandTest {

    static final String POLICY = """
            policy vault {
              scope profile matches "vault-*"
              default require approval from 1 of group "leads"
            }
            """;

    @TempDir
    Path dir;
    Path home;
    Path policies;

    @BeforeEach
    void write() throws Exception {
        home = dir.resolve("home");
        policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("vault.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), """
                users:
                  alice: {groups: [leads]}
                  bob: {groups: [leads]}
                  judy: {groups: [leads]}
                  frank: {groups: [engineering]}
                """);
    }

    Run cs(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        if (!args[0].equals("show")) {
            all.add("--policies=" + policies);
        }
        return Run.of(all.toArray(String[]::new));
    }

    @Test
    void initMakesAPrivateKeyAtHomeAndAddsThePublicKeyToThePolicyRepository() throws Exception {
        Run made = cs("keys", "init", "--as", "alice");
        assertEquals(0, made.exit(), made.err());
        Path priv = home.resolve("keys/alice.key");
        Path pub = policies.resolve("keys/alice.pub");
        SigningKey key = SigningKey.read(priv);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv.getParent())));
        List<java.security.PublicKey> published = PublicKeys.parse(pub, Files.readString(pub, StandardCharsets.US_ASCII));
        assertEquals(1, published.size());
        assertTrue(Arrays.equals(key.publicKey().getEncoded(), published.get(0).getEncoded()),
                "the public key is the private key's other half");
        assertTrue(made.out().contains("public key " + key.fingerprint() + " added to " + pub), made.out());
        assertFalse(made.out().contains("PRIVATE"), "the private key is never printed");

        // The public half is meant to be committed and read by every checkout; the private half stays owner-only.
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));

        // Running init again changes nothing (a walk-through pasted twice passes) ...
        Run again = cs("keys", "init", "--as", "alice");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("alice has a signing key already"), again.out());
        assertTrue(again.out().contains("(nothing to do; --force replaces the key)"), again.out());
        assertEquals(key.fingerprint(), SigningKey.read(priv).fingerprint(), "init again changed nothing");
        // ... except to publish the key again when its public half went missing from the policy repository.
        Files.delete(pub);
        Run republished = cs("keys", "init", "--as", "alice", "--output", "json");
        assertEquals(0, republished.exit(), republished.err());
        JsonNode result = Json.mapper().readTree(republished.out());
        assertEquals("published", result.get("result").asText());
        assertEquals(key.fingerprint(), result.get("fingerprint").asText());
        assertEquals(key.fingerprint(), PublicKeys.load(policies.resolve("keys")).active("alice").stream()
                .map(PublicKeys::fingerprint).findFirst().orElseThrow());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));

        Run replaced = cs("keys", "init", "--as", "alice", "--force");
        assertEquals(0, replaced.exit(), replaced.err());
        SigningKey now = SigningKey.read(priv);
        PublicKeys keys = PublicKeys.load(policies.resolve("keys"));
        assertEquals(List.of(now.fingerprint()), keys.active("alice").stream().map(PublicKeys::fingerprint).toList());
        assertTrue(keys.find("alice", key.fingerprint()).isPresent(), "the old key is retired, not forgotten");
        assertTrue(Files.exists(policies.resolve("keys/retired/alice.pub")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                policies.resolve("keys/retired/alice.pub"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
    }

    @Test
    void aUserTheDirectoryDoesNotKnowGetsNoKey() throws Exception {
        Run r = cs("keys", "init", "--as", "mallory");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("no user 'mallory' in the policies' directory.yaml"), r.err());
        assertFalse(Files.exists(home.resolve("keys/mallory.key")));
        assertFalse(Files.exists(policies.resolve("keys/mallory.pub")));

        Files.delete(policies.resolve("directory.yaml"));
        Run none = cs("keys", "init", "--as", "alice");
        assertEquals(2, none.exit(), none.out());
        assertTrue(none.err().contains("has no directory.yaml"), none.err());
    }

    @Test
    void decisionsAreSignedAndAnUnsignedOrMisSignedOneIsRefused() throws Exception {
        assertEquals(0, cs("keys", "init", "--as", "alice").exit());
        assertEquals(0, cs("keys", "init", "--as", "bob").exit());
        assertEquals(0, cs("keys", "init", "--as", "frank").exit(), "vault wants signed requests too");
        Run submitted = cs("request", "--as", "frank", "--profile", "vault-db", "--duration", "1h", "--justification",
                "Rotate the root token", "--quiet");
        assertEquals(0, submitted.exit(), submitted.err());
        String id = submitted.out().trim();

        Run keyless = cs("approve", id, "--as", "judy");
        assertEquals(1, keyless.exit(), keyless.out());
        assertTrue(keyless.err().contains("requires signed decisions"), keyless.err());
        assertTrue(keyless.err().contains("countersign keys init --as judy"), keyless.err());

        Run borrowed = cs("approve", id, "--as", "bob", "--key", home.resolve("keys/alice.key").toString());
        assertEquals(1, borrowed.exit(), borrowed.out());
        assertTrue(borrowed.err().contains("does not verify with keys/bob.pub"), borrowed.err());

        Run missing = cs("approve", id, "--as", "bob", "--key", dir.resolve("nowhere.key").toString());
        assertEquals(2, missing.exit(), missing.out());
        assertTrue(missing.err().contains("nowhere.key: no such key file"), missing.err());
        // Every signing command reports an unusable key alike: bad input naming the file, as JSON when asked.
        for (String[] args : List.of(new String[] {"request", "--as", "bob", "--profile", "prod-admin", "--duration",
                "1h", "--justification", "x"}, new String[] {"followups", "done", id + "/1", "--as", "bob", "--evidence",
                "CHG-1"}, new String[] {"deny", id, "--as", "bob", "--reason", "no"})) {
            List<String> keyed = new java.util.ArrayList<>(List.of(args));
            keyed.addAll(List.of("--key", dir.resolve("nowhere.key").toString(), "--output", "json"));
            Run r = cs(keyed.toArray(String[]::new));
            assertEquals(2, r.exit(), args[0] + ": " + r.out() + r.err());
            JsonNode problem = Json.mapper().readTree(r.err());
            assertEquals("key", problem.get("error").asText(), r.err());
            assertTrue(problem.get("message").asText().endsWith("nowhere.key: no such key file"), r.err());
        }

        Run signed = cs("approve", id, "--as", "alice", "--rationale", "Rotation is due");
        assertEquals(0, signed.exit(), signed.err());
        JsonNode shown = Json.mapper().readTree(cs("show", id, "--output", "json").out());
        JsonNode decision = shown.get("decisions").get(0);
        assertEquals("alice", decision.get("approver").asText());
        assertTrue(decision.get("metadata").get("signed").asBoolean(), decision.toString());
        assertEquals(SigningKey.read(home.resolve("keys/alice.key")).fingerprint(),
                decision.get("metadata").get("signature").get("key").asText());
    }

    /** Like {@link #cs}, in an environment of the test's making. */
    Run cs(java.util.Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        all.add("--policies=" + policies);
        return Run.in(env, all.toArray(String[]::new));
    }

    @Test
    void anEncryptedKeySignsOnlyWithItsPassphraseFromTheEnvironment() throws Exception {
        java.util.Map<String, String> right = java.util.Map.of("COUNTERSIGN_KEY_PASSPHRASE", "correct horse battery");
        Run none = cs(java.util.Map.of(), "keys", "init", "--as", "alice", "--passphrase");
        assertEquals(2, none.exit(), none.out());
        assertEquals("countersign: " + home.resolve("keys/alice.key").toAbsolutePath()
                + ": --passphrase needs COUNTERSIGN_KEY_PASSPHRASE, or a terminal to ask on\n", none.err());
        Run shortOne = cs(java.util.Map.of("COUNTERSIGN_KEY_PASSPHRASE", "short"), "keys", "init", "--as", "alice",
                "--passphrase");
        assertEquals(2, shortOne.exit(), shortOne.out());
        assertTrue(shortOne.err().contains("fewer than 8 characters"), shortOne.err());
        assertFalse(Files.exists(home.resolve("keys/alice.key")), "a refused passphrase writes nothing");

        Run made = cs(right, "keys", "init", "--as", "alice", "--passphrase");
        assertEquals(0, made.exit(), made.err());
        Path priv = home.resolve("keys/alice.key");
        assertTrue(made.out().startsWith("alice's signing key: " + priv.toAbsolutePath() + " (owner only, encrypted)\n"),
                made.out());
        assertTrue(Files.readString(priv).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertFalse(made.out().contains("correct horse") || made.err().contains("correct horse"),
                "the passphrase is never printed");

        assertEquals(0, cs("keys", "init", "--as", "frank").exit(), "vault wants signed requests too");
        Run submitted = cs(java.util.Map.of(), "request", "--as", "frank", "--profile", "vault-db", "--duration", "1h",
                "--justification", "Rotate the root token", "--quiet");
        String id = submitted.out().trim();
        Run locked = cs(java.util.Map.of(), "approve", id, "--as", "alice");
        assertEquals(2, locked.exit(), locked.out());
        assertEquals("countersign: " + priv + ": the key is encrypted: set COUNTERSIGN_KEY_PASSPHRASE, or run the"
                + " command on a terminal to be asked\n", locked.err());
        Run wrong = cs(java.util.Map.of("COUNTERSIGN_KEY_PASSPHRASE", "wrong horse battery"), "approve", id, "--as",
                "alice");
        assertEquals(2, wrong.exit(), wrong.out());
        assertEquals("countersign: " + priv + ": wrong passphrase\n", wrong.err());
        Run signed = cs(right, "approve", id, "--as", "alice", "--rationale", "Rotation is due");
        assertEquals(0, signed.exit(), signed.err());
        JsonNode decision = Json.mapper().readTree(cs("show", id, "--output", "json").out()).get("decisions").get(0);
        assertTrue(decision.get("metadata").get("signed").asBoolean(), decision.toString());
        assertEquals(SigningKey.read(priv, f -> "correct horse battery".toCharArray()).fingerprint(),
                decision.get("metadata").get("signature").get("key").asText());
    }

    @Test
    void aBrokenPublicKeyFileIsBadInputNamingTheFile() throws Exception {
        Files.createDirectories(policies.resolve("keys"));
        Files.writeString(policies.resolve("keys/mallory.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Run r = cs("request", "--as", "frank", "--profile", "vault-db", "--duration", "1h", "--justification",
                "Rotate the root token");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("mallory.pub: not an Ed25519 public key"), r.err());
    }

    @Test
    void aUserIdThatCouldNameAnotherDirectoryIsRefused() {
        Run r = cs("keys", "init", "--as", "../alice");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("no user '../alice'"), r.err());
        assertFalse(Files.exists(dir.resolve("alice.key")));
    }
}
