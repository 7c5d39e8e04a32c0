package io.countersign.engine.seal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys the service seals its writes with (HMAC-SHA256). One key seals new writes (the current one);
 * every key, current or older, is accepted when a seal is checked, so keys rotate without a moment in
 * which the stored record stops verifying. Each seal names its key's id.
 *
 * <ul>
 *   <li>The embedded store: {@code HOME/seal.keys}, made on first use, owner-only: one line per key,
 *       {@code ID BASE64}, the last line current ({@link #fromHome}, {@link #rotate}).
 *   <li>A deployment: {@code COUNTERSIGN_SEAL_KEY=ID:BASE64} (current) and
 *       {@code COUNTERSIGN_SEAL_KEYS_RETIRED=ID:BASE64,...} (still accepted), from the environment only
 *       ({@link #fromEnvironment}).
 * </ul>
 */
public final class SealKeys {

    /** The home's key file. */
    public static final String FILE = "seal.keys";
    /** The current key, {@code ID:BASE64}. */
    public static final String ENV_KEY = "COUNTERSIGN_SEAL_KEY";
    /** Older keys still accepted on read, {@code ID:BASE64,ID:BASE64}. */
    public static final String ENV_RETIRED = "COUNTERSIGN_SEAL_KEYS_RETIRED";
    /** Fewer bytes than HMAC-SHA256's output would weaken it. */
    public static final int MIN_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /** No keys: nothing is sealed and no seal is checked (a store nobody but this process can write). */
    public static final SealKeys NONE = new SealKeys(null, Map.of());

    private final String current;
    private final Map<String, SecretKeySpec> keys;
    /** Each thread's Macs, one a key, made once: making one (provider lookup, key schedule) costs more than a seal. */
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    private SealKeys(String current, Map<String, SecretKeySpec> keys) {
        this.current = current;
        this.keys = Map.copyOf(keys);
    }

    /** Keys given directly; {@code current} must be among them. */
    public static SealKeys of(String current, Map<String, byte[]> keys) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, secret) -> specs.put(checkId(id), spec(id, secret)));
        if (!specs.containsKey(current)) {
            throw new IllegalArgumentException("the current seal key '" + current + "' is not among the keys");
        }
        return new SealKeys(current, specs);
    }

    /** Whether writes are sealed and seals checked. */
    public boolean sealing() {
        return current != null;
    }

    /** The id of the key that seals new writes; null for {@link #NONE}. */
    public String current() {
        return current;
    }

    /** Whether a seal made with the key {@code id} can be checked. */
    public boolean holds(String id) {
        return keys.containsKey(id);
    }

    /** The ids of every key, current or older. */
    Set<String> ids() {
        return keys.keySet();
    }

    /** HMAC-SHA256 of {@code data} with the key {@code id}. */
    byte[] mac(String id, byte[] data) {
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("no seal key " + id);
        }
        Map<String, Mac> mine = macs.get();
        Mac mac = mine.get(id);
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
            }
            mine.put(id, mac);
        }
        return mac.doFinal(data); // and the Mac is ready for the next one, with the same key
    }

    /**
     * The keys a command seals its store with: {@code COUNTERSIGN_SEAL_KEY} when it is set; else, for
     * the embedded store, the home's key file (made on first use). A shared store (DynamoDB) without the
     * variable is refused rather than written unsealed: every machine writing it must hold the same key.
     *
     * @throws IOException naming the file or the variable at fault
     */
    public static SealKeys forStore(boolean embedded, Path home, Function<String, String> env) throws IOException {
        Optional<SealKeys> fromEnv;
        try {
            fromEnv = fromEnvironment(env);
        } catch (IllegalArgumentException bad) {
            throw new IOException(bad.getMessage(), bad);
        }
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if (embedded) {
            return fromHome(home);
        }
        throw new IOException(ENV_KEY + " is not set: the writes of a shared store are sealed with a key every"
                + " machine that writes it holds (" + ENV_KEY + "=ID:BASE64; make one with: openssl rand -base64 32)");
    }

    // ---- the environment -------------------------------------------------------------------------------

    /**
     * The keys in the environment, or empty when {@code COUNTERSIGN_SEAL_KEY} is not set.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed or too short
     */
    public static Optional<SealKeys> fromEnvironment(Function<String, String> env) {
        String value = env.apply(ENV_KEY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String current = parse(ENV_KEY, value.trim(), keys);
        String retired = env.apply(ENV_RETIRED);
        if (retired != null && !retired.isBlank()) {
            for (String one : retired.split(",")) {
                if (!one.isBlank()) {
                    parse(ENV_RETIRED, one.trim(), keys);
                }
            }
        }
        return Optional.of(of(current, keys));
    }

    /** One key, {@code ID:BASE64}, into {@code into}; its id. {@code variable} names where it was found. */
    static String parse(String variable, String value, Map<String, byte[]> into) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(variable + " must be KEY-ID:BASE64 (make a key with: openssl rand"
                    + " -base64 32)");
        }
        String id = value.substring(0, colon);
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(value.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(variable + ": the key '" + id + "' is not base64");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(variable + ": the key '" + id + "' has " + secret.length
                    + " bytes; a seal key has at least " + MIN_BYTES);
        }
        into.put(checkId(id), secret);
        return id;
    }

    // ---- the home's key file ----------------------------------------------------------------------------

    /**
     * The keys in {@code home/seal.keys}, made with one new key on first use (owner-only). A file that
     * others may read is refused: whoever reads it can forge the store.
     *
     * @throws IOException naming the file when it cannot be read, is malformed or is not owner-only
     */
    public static SealKeys fromHome(Path home) throws IOException {
        return SealKeyFile.fromHome(home);
    }

    /**
     * Adds a new key to {@code home/seal.keys} and makes it the current one; the older keys stay, so
     * what they sealed still verifies. Returns the keys after rotation.
     */
    public static SealKeys rotate(Path home) throws IOException {
        return SealKeyFile.rotate(home);
    }

    private static String checkId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a seal key id is 1 to 64 letters, digits, '.', '_' or '-': '" + id + "'");
        }
        return id;
    }

    private static SecretKeySpec spec(String id, byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the seal key '" + id + "' has " + secret.length + " bytes; a seal key"
                    + " has at least " + MIN_BYTES);
        }
        return new SecretKeySpec(secret.clone(), ALGORITHM);
    }
}
