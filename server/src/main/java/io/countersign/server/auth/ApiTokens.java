package io.countersign.server.auth;

import io.countersign.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens, known only by their SHA-256: a token is 32 random bytes, so a plain hash is as good as a
 * slow one and costs nothing per request. The configuration holds hashes, never tokens.
 */
public final class ApiTokens {

    /** Every API token starts so: a JWT never does (it starts with {@code ey}). */
    public static final String PREFIX = "cst_";

    private final Map<String, Caller> byHash;

    public ApiTokens(List<ServerConfig.ApiToken> tokens) {
        Map<String, Caller> m = new HashMap<>();
        for (ServerConfig.ApiToken t : tokens) {
            EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
            t.scopes().forEach(s -> scopes.add(Scope.parse(s)));
            if (scopes.contains(Scope.LIFECYCLE) && (t.subject() == null || t.subject().isBlank())) {
                throw new IllegalArgumentException("token " + t.name() + ": the lifecycle scope needs a subject to act as");
            }
            String hash = t.sha256().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("token " + t.name() + ": sha256 must be 64 hex digits");
            }
            if (m.put(hash, new Caller(Caller.Kind.API_TOKEN, t.subject(), t.name(), scopes)) != null) {
                throw new IllegalArgumentException("token " + t.name() + ": the same hash is configured twice");
            }
        }
        this.byHash = Map.copyOf(m);
    }

    public Optional<Caller> find(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    /** A fresh token. */
    public static String generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The hex SHA-256 of a token: computed once per request, by the thread's digest (no provider lookup). */
    public static String sha256(String token) {
        return HEX.formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
    /** A digest per thread: {@code digest} leaves it reset for the next token. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiTokens::newDigest);

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
