package io.countersign.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads {@code server.yaml} (unknown keys refused) over the defaults, then the environment over that:
 * {@code COUNTERSIGN_LISTEN} ({@code host:port}), {@code COUNTERSIGN_POLICIES}, {@code COUNTERSIGN_OIDC_ISSUER},
 * {@code COUNTERSIGN_OIDC_AUDIENCE}, {@code COUNTERSIGN_DECISION_LOG}, the {@code COUNTERSIGN_PRECEDENT…} settings
 * ({@link io.countersign.engine.precedent.PrecedentSettings#withEnvironment}), and {@code COUNTERSIGN_GATEWAY_TOKEN}
 * (a gateway's token with the decide and access scopes: a secret, so from the environment only). Flags are
 * applied by the caller last.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The file as written: every key optional. */
    record FileConfig(String listen, String policies, ServerConfig.Tls tls, ServerConfig.Oidc oidc,
            List<ServerConfig.ApiToken> tokens, DecisionLog decisionLog, String maxBody, Duration idleTimeout,
            Boolean reloadOnChange, Duration dispatchInterval, Precedents precedents) {
    }

    /** {@code precedents: {window: 90d, limit: 10, candidates: 100}}: each optional. */
    record Precedents(String window, Integer limit, Integer candidates) {
    }

    record DecisionLog(String path, List<String> mask) {
    }

    /**
     * The configuration from {@code file} (none: the defaults) and {@code env}; relative paths in the
     * file are read from the file's directory.
     *
     * @throws IllegalArgumentException saying what is wrong, and where
     */
    public static ServerConfig load(Path file, Function<String, String> env) {
        ServerConfig c = ServerConfig.forPolicies(Path.of("policies"));
        if (file != null) {
            FileConfig f;
            try {
                f = Json.yaml().readValue(Files.readAllBytes(file), FileConfig.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ": " + Json.describe(e), e);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
            }
            c = apply(c, f == null ? new FileConfig(null, null, null, null, null, null, null, null, null, null, null) : f,
                    file.toAbsolutePath().getParent());
        }
        return environment(c, env);
    }

    private static ServerConfig apply(ServerConfig c, FileConfig f, Path base) {
        if (f.listen() != null) {
            c = listen(c, f.listen());
        }
        if (f.policies() != null) {
            c = c.withPolicies(base.resolve(f.policies()));
        }
        if (f.tls() != null) {
            c = c.withTls(new ServerConfig.Tls(base.resolve(f.tls().certificate()), base.resolve(f.tls().key())));
        }
        if (f.oidc() != null) {
            c = c.withOidc(f.oidc());
        }
        if (f.tokens() != null) {
            c = c.withTokens(f.tokens());
        }
        if (f.decisionLog() != null) {
            String path = f.decisionLog().path();
            c = c.withDecisionLog(path == null || path.equals("-") ? "-" : base.resolve(path).toString(),
                    f.decisionLog().mask() == null ? List.of() : f.decisionLog().mask());
        }
        if (f.maxBody() != null) {
            c = c.withMaxBodyBytes(bytes(f.maxBody()));
        }
        if (f.idleTimeout() != null) {
            c = c.withIdleTimeout(f.idleTimeout());
        }
        if (f.reloadOnChange() != null) {
            c = c.withReloadOnChange(f.reloadOnChange());
        }
        if (f.dispatchInterval() != null) {
            c = c.withDispatchInterval(f.dispatchInterval());
        }
        if (f.precedents() != null) {
            Precedents p = f.precedents();
            c = c.withPrecedents(c.precedents().with(p.window(), p.limit() == null ? null : p.limit().toString(),
                    p.candidates() == null ? null : p.candidates().toString(), "precedents.window", "precedents.limit",
                    "precedents.candidates"));
        }
        return c;
    }

    private static ServerConfig environment(ServerConfig c, Function<String, String> env) {
        String listen = env.apply("COUNTERSIGN_LISTEN");
        if (listen != null && !listen.isBlank()) {
            c = listen(c, listen);
        }
        String policies = env.apply("COUNTERSIGN_POLICIES");
        if (policies != null && !policies.isBlank()) {
            c = c.withPolicies(Path.of(policies));
        }
        String issuer = env.apply("COUNTERSIGN_OIDC_ISSUER");
        if (issuer != null && !issuer.isBlank()) {
            String audience = env.apply("COUNTERSIGN_OIDC_AUDIENCE");
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("COUNTERSIGN_OIDC_ISSUER needs COUNTERSIGN_OIDC_AUDIENCE");
            }
            c = c.withOidc(new ServerConfig.Oidc(issuer, audience, env.apply("COUNTERSIGN_OIDC_JWKS_URI"), null, null,
                    null, env.apply("COUNTERSIGN_OIDC_CLIENT_ID")));
        }
        String gateway = env.apply("COUNTERSIGN_GATEWAY_TOKEN");
        if (gateway != null && !gateway.isBlank()) {
            if (!gateway.startsWith(io.countersign.server.auth.ApiTokens.PREFIX) || gateway.length() < 36) {
                throw new IllegalArgumentException("COUNTERSIGN_GATEWAY_TOKEN must start with "
                        + io.countersign.server.auth.ApiTokens.PREFIX + " and carry at least 32 random characters");
            }
            List<ServerConfig.ApiToken> all = new java.util.ArrayList<>(c.tokens());
            all.add(new ServerConfig.ApiToken("environment", io.countersign.server.auth.ApiTokens.sha256(gateway.trim()),
                    List.of("decide", "access"), null));
            c = c.withTokens(all);
        }
        String log = env.apply("COUNTERSIGN_DECISION_LOG");
        if (log != null && !log.isBlank()) {
            c = c.withDecisionLog(log, c.mask());
        }
        return c.withPrecedents(c.precedents().withEnvironment(env));
    }

    /** {@code host:port}, {@code :port} or {@code port}. */
    public static ServerConfig listen(ServerConfig c, String listen) {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? c.host() : listen.substring(0, colon);
        String port = colon < 0 ? listen : listen.substring(colon + 1);
        try {
            return c.withHost(host.isEmpty() ? c.host() : host).withPort(Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen: '" + listen + "' is not host:port", e);
        }
    }

    /** {@code 1048576}, {@code 512k}, {@code 10m}. */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = t.endsWith("k") ? 1024 : t.endsWith("m") ? 1024 * 1024 : 1;
        try {
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxBody: '" + text + "' is not a size (1048576, 512k, 10m)", e);
        }
    }
}
