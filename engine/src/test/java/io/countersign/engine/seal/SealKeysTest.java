package io.countersign.engine.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's seal keys: where they come from, how they rotate, and what a seal holds against. */
class SealKeysTest {

    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    static Event event(String actor) {
        return EventChain.seal(new Event("e-1", EventType.REQUEST_CREATED, AT, actor, "r-1", 1,
                Json.mapper().createObjectNode().put("note", 1.50), null, null));
    }

    static String key(int fill) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) fill);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void theHomesKeyIsMadeOnceOwnerOnlyAndReadBackTheSame(@TempDir Path home) throws IOException {
        SealKeys made = SealKeys.fromHome(home);
        Path file = home.resolve(SealKeys.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SealKeys again = SealKeys.fromHome(home);
        assertEquals(made.current(), again.current());
        Event e = new Sealer(made).seal(event("frank"));
        assertNull(new Sealer(again).check(e), "the same key, read back");
    }

    @Test
    void aKeyFileOthersMayReadIsRefused(@TempDir Path home) throws IOException {
        SealKeys.fromHome(home);
        Path file = home.resolve(SealKeys.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> SealKeys.fromHome(home));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void rotationSealsWithTheNewKeyAndStillChecksWhatTheOldOneSealed(@TempDir Path home) throws IOException {
        SealKeys before = SealKeys.fromHome(home);
        Event old = new Sealer(before).seal(event("frank"));
        SealKeys after = SealKeys.rotate(home);
        assertNotEquals(before.current(), after.current());
        Event fresh = new Sealer(after).seal(event("frank"));
        assertTrue(fresh.seal().contains(":" + after.current() + ":"), fresh.seal());
        assertNull(new Sealer(after).check(old), "what the old key sealed still verifies");
        assertNull(new Sealer(after).check(fresh));
        String unknown = new Sealer(before).check(fresh);
        assertTrue(unknown.contains("which this service does not hold"), unknown);
    }

    @Test
    void anyChangeToASealedRecordShows() {
        Sealer sealer = new Sealer(SealKeys.of("k1", Map.of("k1", Base64.getDecoder().decode(key(1)))));
        Event sealed = sealer.seal(event("frank"));
        assertNull(sealer.check(sealed));
        Event changed = new Event(sealed.id(), sealed.type(), sealed.time(), "mallory", sealed.requestId(),
                sealed.sequence(), sealed.data(), sealed.prevHash(), EventChain.hash(new Event(sealed.id(),
                        sealed.type(), sealed.time(), "mallory", sealed.requestId(), sealed.sequence(), sealed.data(),
                        sealed.prevHash(), null)), sealed.seal());
        assertTrue(sealer.check(changed).contains("does not verify"), "the chain recomputed, the seal not");
        assertTrue(sealer.check(event("frank")).contains("carries no seal"));
        Sealer other = new Sealer(SealKeys.of("k1", Map.of("k1", Base64.getDecoder().decode(key(2)))));
        assertTrue(sealer.check(other.seal(event("frank"))).contains("does not verify"),
                "a seal made with another key of the same name");
        ApprovalDecision d = new ApprovalDecision(ApprovalDecision.TYPE, "d", "r-1", "alice", DecisionKind.APPROVED, AT,
                "ok", ApprovalLevel.FINAL, "group:leads", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, true, null, null, Map.of("signed", false), AT);
        ApprovalDecision sd = sealer.seal(d);
        assertNull(sealer.check(sd));
        assertFalse(sd.seal().isEmpty());
        assertEquals(Json.mapper().valueToTree(d), ((com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().valueToTree(sd)).without("seal"), "the seal is beside the decision, not in it");
        assertNull(Sealer.NONE.check(d), "no keys: nothing checked");
    }

    @Test
    void theEnvironmentNamesTheCurrentKeyAndTheRetiredOnes() throws IOException {
        Map<String, String> env = Map.of(SealKeys.ENV_KEY, "k2:" + key(2), SealKeys.ENV_RETIRED, "k1:" + key(1));
        SealKeys keys = SealKeys.fromEnvironment(env::get).orElseThrow();
        assertEquals("k2", keys.current());
        assertTrue(keys.holds("k1"));
        assertTrue(SealKeys.fromEnvironment(Map.<String, String>of()::get).isEmpty());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> SealKeys.fromEnvironment(
                Map.of(SealKeys.ENV_KEY, "k1:" + Base64.getEncoder().encodeToString(new byte[8]))::get));
        assertTrue(shortKey.getMessage().contains("at least 32"), shortKey.getMessage());
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> SealKeys.fromEnvironment(Map.of(SealKeys.ENV_KEY, key(1))::get));
        assertTrue(noId.getMessage().contains("KEY-ID:BASE64"), noId.getMessage());
    }

    @Test
    void aSharedStoreWithoutAKeyInTheEnvironmentIsRefused(@TempDir Path home) throws IOException {
        IOException e = assertThrows(IOException.class, () -> SealKeys.forStore(false, home, Map.<String, String>of()::get));
        assertTrue(e.getMessage().startsWith(SealKeys.ENV_KEY + " is not set"), e.getMessage());
        assertFalse(Files.exists(home.resolve(SealKeys.FILE)), "no key file is made for a shared store");
        assertEquals("k9", SealKeys.forStore(false, home, Map.of(SealKeys.ENV_KEY, "k9:" + key(9))::get).current());
        assertTrue(SealKeys.forStore(true, home, Map.<String, String>of()::get).sealing());
        assertTrue(Files.exists(home.resolve(SealKeys.FILE)), "the embedded store's key is made under the home");
    }
}
