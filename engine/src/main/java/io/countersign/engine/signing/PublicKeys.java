package io.countersign.engine.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys of the people who decide, as the policy repository holds them: {@code keys/USER.pub}
 * for the keys a decision may be signed with now, {@code keys/retired/USER.pub} for keys taken out of
 * use, which the audit trail still needs to check what was signed with them. A file may hold several
 * keys (PEM blocks), so a key can be rotated without a moment in which neither is accepted.
 */
public final class PublicKeys {

    /** No keys: every signature fails, so only policies that accept unsigned decisions let people decide. */
    public static final PublicKeys NONE = new PublicKeys(Map.of(), Map.of());
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String SUFFIX = ".pub";

    private final Map<String, List<PublicKey>> active;
    private final Map<String, List<PublicKey>> retired;

    private PublicKeys(Map<String, List<PublicKey>> active, Map<String, List<PublicKey>> retired) {
        this.active = Map.copyOf(active);
        this.retired = Map.copyOf(retired);
    }

    /** Keys in use, by user; for gateways that keep keys elsewhere, and for tests. */
    public static PublicKeys of(Map<String, List<PublicKey>> active) {
        Map<String, List<PublicKey>> copy = new LinkedHashMap<>();
        active.forEach((u, ks) -> copy.put(u, List.copyOf(ks)));
        return new PublicKeys(copy, Map.of());
    }

    /**
     * Reads {@code dir/*.pub} and {@code dir/retired/*.pub}; a missing directory holds no keys.
     *
     * @throws KeyFileException naming a file that holds no Ed25519 public key
     */
    public static PublicKeys load(Path dir) throws IOException {
        return new PublicKeys(read(dir), read(dir.resolve("retired")));
    }

    private static Map<String, List<PublicKey>> read(Path dir) throws IOException {
        Map<String, List<PublicKey>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted()
                    .toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String user = name.substring(0, name.length() - SUFFIX.length());
            out.put(user, parse(f, io.countersign.lang.source.TextFiles.read(f)));
        }
        return out;
    }

    /** The keys a {@code .pub} file holds; {@code file} names it in errors. */
    public static List<PublicKey> parse(Path file, String text) throws KeyFileException {
        List<byte[]> blocks;
        try {
            blocks = Pem.decode(PUBLIC, text);
        } catch (IllegalArgumentException bad) {
            throw new KeyFileException(file, bad.getMessage());
        }
        if (blocks.isEmpty()) {
            throw new KeyFileException(file, "holds no '-----BEGIN " + PUBLIC + "-----' block");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (byte[] der : blocks) {
            try {
                keys.add(KeyFactory.getInstance(SigningKey.ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                throw new KeyFileException(file, "not an " + SigningKey.ALGORITHM + " public key");
            }
        }
        return List.copyOf(keys);
    }

    /** The keys {@code user} may sign a decision with now; empty when they have none. */
    public List<PublicKey> active(String user) {
        return active.getOrDefault(user, List.of());
    }

    /** The key of {@code user} with this fingerprint, in use or retired: what the audit trail checks against. */
    public Optional<PublicKey> find(String user, String fingerprint) {
        List<PublicKey> candidates = new ArrayList<>(active(user));
        candidates.addAll(retired.getOrDefault(user, List.of()));
        return candidates.stream().filter(k -> fingerprint(k).equals(fingerprint)).findFirst();
    }

    /** How many users have a key in use. */
    public int users() {
        return active.size();
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the key's X.509 encoding, as ssh prints it. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in the PEM form {@code keys/USER.pub} holds. */
    public static String pem(PublicKey key) {
        return Pem.encode(PUBLIC, key.getEncoded());
    }

    /** Whether {@code text} (a {@code .pub} file's content) holds {@code key}. */
    public static boolean holds(String text, PublicKey key) {
        try {
            return Pem.decode(PUBLIC, text).stream().anyMatch(der -> java.util.Arrays.equals(der, key.getEncoded()));
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }
}
