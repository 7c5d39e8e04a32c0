package io.countersign.engine.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {

    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    static Statement approval(String actor, String rationale) {
        return new Statement(Action.APPROVE, "r-1", "abc", actor, rationale, Duration.ofHours(1), List.of("read"),
                Map.of("b", 2, "a", List.of("x")), List.of(), null,
                new Statement.Grant(Duration.ofHours(1), List.of("read"), Map.of("a", List.of("x")), List.of("s")),
                new Statement.Facts("sha256:p", false), AT);
    }

    @Test
    void theCanonicalTextSortsKeysAndLeavesOutWhatIsEmpty() {
        assertEquals("{\"acceptsUnsigned\":false,\"action\":\"approve\",\"actor\":\"alice\","
                + "\"conditions\":{\"a\":[\"x\"],\"b\":2},\"duration\":\"PT1H\","
                + "\"grant\":{\"conditions\":{\"a\":[\"x\"]},\"duration\":\"PT1H\",\"permissions\":[\"read\"],"
                + "\"stipulations\":[\"s\"]},\"permissions\":[\"read\"],\"policy\":\"sha256:p\","
                + "\"rationale\":\"ok\",\"requestId\":\"r-1\",\"signedAt\":\"2026-03-02T09:00:00Z\","
                + "\"subject\":\"abc\",\"v\":3}", approval("alice", "ok").canonical());
    }

    static Statement withRemarks(String comments, String confidence, List<String> consulted, List<String> evidence) {
        Statement a = approval("alice", "ok");
        return new Statement(a.action(), a.requestId(), a.subject(), a.actor(), a.rationale(), a.duration(),
                a.permissions(), a.conditions(), a.stipulations(), comments,
                confidence == null ? null : new java.math.BigDecimal(confidence), consulted, evidence, null, a.grant(),
                a.facts(), AT);
    }

    @Test
    void theRemarksAreSignedAndChangingAnyOfThemBreaksTheSignature() {
        Statement said = withRemarks("watch it", "0.75", List.of("security_team"), List.of("PAY-1"));
        assertTrue(said.canonical().contains("\"comments\":\"watch it\",\"conditions\""), said.canonical());
        assertTrue(said.canonical().contains("\"confidenceLevel\":0.75,\"consultedParties\":[\"security_team\"]"
                + ",\"duration\""), said.canonical());
        assertTrue(said.canonical().contains("\"evidenceProvided\":[\"PAY-1\"]"), said.canonical());
        SigningKey alice = SigningKey.generate();
        Signature s = alice.sign(said);
        assertTrue(said.verifies(alice.publicKey(), s));
        for (Statement other : List.of(withRemarks("watch it closely", "0.75", List.of("security_team"), List.of("PAY-1")),
                withRemarks("watch it", "0.8", List.of("security_team"), List.of("PAY-1")),
                withRemarks("watch it", "0.75", List.of(), List.of("PAY-1")),
                withRemarks("watch it", "0.75", List.of("security_team"), List.of("PAY-1", "PAY-2")),
                withRemarks(null, null, List.of(), List.of()))) {
            assertFalse(other.verifies(alice.publicKey(), s), other.canonical());
        }
        // Without remarks the text is format 2's but for its version: old statements keep verifying as stored.
        assertEquals(approval("alice", "ok").canonical(), withRemarks(null, null, List.of(), List.of()).canonical());
    }

    @Test
    void aSignatureVerifiesOnlyWithItsKeyAndOverItsStatement() {
        SigningKey alice = SigningKey.generate();
        SigningKey bob = SigningKey.generate();
        Signature s = alice.sign(approval("alice", "ok"));
        assertTrue(approval("alice", "ok").verifies(alice.publicKey(), s));
        assertFalse(approval("alice", "ok").verifies(bob.publicKey(), s), "another key");
        assertFalse(approval("alice", "ok, and more").verifies(alice.publicKey(), s), "other words");
        assertFalse(Statement.verifies(alice.publicKey(), approval("alice", "ok").canonical(), "not base64!"));
        // the prefix is part of what is signed: the bare canonical text is not the signed message
        assertFalse(Statement.verifies(alice.publicKey(), "countersign-decision\n" + approval("alice", "ok").canonical(),
                s.value()));
    }

    @Test
    void aKeyWrittenAndReadBackIsTheSamePair(@TempDir Path dir) throws Exception {
        SigningKey made = SigningKey.generate();
        Path file = dir.resolve("keys/alice.key");
        made.write(file);
        SigningKey read = SigningKey.read(file);
        assertTrue(Arrays.equals(made.publicKey().getEncoded(), read.publicKey().getEncoded()));
        assertEquals(made.fingerprint(), read.fingerprint());
        assertTrue(approval("alice", "ok").verifies(made.publicKey(), read.sign(approval("alice", "ok"))));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> made.write(file));
    }

    @Test
    void aKeyEncryptedWithAPassphraseOpensOnlyWithIt(@TempDir Path dir) throws Exception {
        SigningKey made = SigningKey.generate();
        Path file = dir.resolve("keys/alice.key");
        made.write(file, "correct horse".toCharArray());
        String text = Files.readString(file);
        assertTrue(text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), text);
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(file));

        SigningKey read = SigningKey.read(file, f -> "correct horse".toCharArray());
        assertEquals(made.fingerprint(), read.fingerprint());
        assertTrue(approval("alice", "ok").verifies(made.publicKey(), read.sign(approval("alice", "ok"))));

        KeyFileException wrong = assertThrows(KeyFileException.class,
                () -> SigningKey.read(file, f -> "wrong horse".toCharArray()));
        assertEquals(file + ": wrong passphrase", wrong.getMessage());
        KeyFileException none = assertThrows(KeyFileException.class, () -> SigningKey.read(file));
        assertEquals(file + ": the key is encrypted and no passphrase was given", none.getMessage());
        // a plain key never asks
        Path plain = dir.resolve("keys/bob.key");
        SigningKey.generate().write(plain);
        SigningKey.read(plain, f -> {
            throw new AssertionError("asked for a passphrase of a plain key");
        });
    }

    /**
     * A key {@code openssl genpkey -algorithm ed25519 -aes-256-cbc -pass pass:"openssl made this"} wrote
     * (PBES2, PBKDF2-HMAC-SHA256 with 2,048 rounds, AES-256-CBC), next to the public half openssl
     * derived from it.
     */
    @Test
    void aKeyOpensslEncryptedIsRead() throws Exception {
        Path dir = Path.of(SigningTest.class.getResource("/signing/openssl-encrypted.key").toURI()).getParent();
        SigningKey read = SigningKey.read(dir.resolve("openssl-encrypted.key"), f -> "openssl made this".toCharArray());
        assertEquals(Files.readString(dir.resolve("openssl-encrypted.pub")), read.publicPem());
    }

    @Test
    void keyFilesThatAreNotKeysAreNamedInTheError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.key"), "hello");
        KeyFileException e = assertThrows(KeyFileException.class, () -> SigningKey.read(dir.resolve("x.key")));
        assertTrue(e.getMessage().startsWith(dir.resolve("x.key") + ": expected one"), e.getMessage());
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("bob.pub"), SigningKey.generate().publicPem() + "-----BEGIN PUBLIC KEY-----\nQUJD\n");
        KeyFileException p = assertThrows(KeyFileException.class, () -> PublicKeys.load(keys));
        assertTrue(p.getMessage().contains("bob.pub: a '-----BEGIN PUBLIC KEY-----' block has no end line"),
                p.getMessage());
    }

    @Test
    void publicKeysInUseAndRetired(@TempDir Path dir) throws Exception {
        SigningKey laptop = SigningKey.generate();
        SigningKey desktop = SigningKey.generate();
        SigningKey old = SigningKey.generate();
        Path keys = Files.createDirectories(dir.resolve("keys/retired")).getParent();
        Files.writeString(keys.resolve("alice.pub"), "# alice's machines\n" + laptop.publicPem() + desktop.publicPem());
        Files.writeString(keys.resolve("retired/alice.pub"), old.publicPem());
        Files.writeString(keys.resolve("README.md"), "not a key file");
        PublicKeys k = PublicKeys.load(keys);
        assertEquals(2, k.active("alice").size());
        assertEquals(List.of(), k.active("bob"));
        assertTrue(k.find("alice", old.fingerprint()).isPresent(), "retired keys still check old signatures");
        assertTrue(k.active("alice").stream().noneMatch(p -> PublicKeys.fingerprint(p).equals(old.fingerprint())));
        assertTrue(k.find("bob", laptop.fingerprint()).isEmpty(), "a key is someone's, not anyone's");
        assertEquals(PublicKeys.NONE.users(), PublicKeys.load(dir.resolve("nowhere")).users());
    }

    @Test
    void unsignedDecisionsAreAcceptedOnlyWhenEveryDecidingPolicyAllowsThem() throws Exception {
        PolicySet set = PolicySet.of(List.of(new SourceFile("p.policy", """
                policy sandbox {
                  allow unsigned decisions
                  default require approval from 1 of group "leads"
                  rule r { when profile == "x" then approve }
                }
                policy prod {
                  default require approval from 1 of group "leads"
                }
                """)));
        assertTrue(set.acceptsUnsigned(List.of("sandbox/r", "sandbox/default")));
        assertFalse(set.acceptsUnsigned(List.of("sandbox/r", "prod/default")));
        assertFalse(set.acceptsUnsigned(List.of("prod/default")));
        assertFalse(set.acceptsUnsigned(List.of()), "no policy spoke: nothing is relaxed");
    }
}
