package io.countersign.server.config;

import io.countersign.engine.precedent.PrecedentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a server is configured with. Built by {@link ConfigLoader} from {@code server.yaml}, the
 * environment and flags; changed by named {@code with…} copies.
 *
 * @param host the address to listen on (loopback unless told otherwise)
 * @param port the port; 0 picks a free one
 * @param policies the policy directory (policies, {@code directory.yaml}, {@code keys/})
 * @param tls a certificate and key to serve HTTPS with; none serves plain HTTP
 * @param oidc the issuer whose bearer tokens people authenticate with; none accepts no person tokens
 * @param tokens the API tokens, stored hashed
 * @param decisionLog where decisions are logged as JSON lines ({@code -} for stdout); none logs none
 * @param mask fields removed from logged decisions, as JSON pointers ({@code /input/context/incident})
 * @param maxBodyBytes the largest request body accepted
 * @param idleTimeout how long a connection may stay silent (a slow client's body included)
 * @param reloadOnChange whether a change of the policy directory reloads the policies
 * @param dispatchInterval how often the outbox dispatcher runs; zero runs none
 * @param precedents how a submitted request's precedents are sought ({@code precedents:} in server.yaml)
 */
public record ServerConfig(String host, int port, Path policies, Tls tls, Oidc oidc, List<ApiToken> tokens,
        String decisionLog, List<String> mask, long maxBodyBytes, Duration idleTimeout, boolean reloadOnChange,
        Duration dispatchInterval, PrecedentSettings precedents) {

    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policies, "policies");
        tokens = List.copyOf(tokens);
        mask = List.copyOf(mask);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(dispatchInterval, "dispatchInterval");
        Objects.requireNonNull(precedents, "precedents");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must lie in 0..65535, not " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** The defaults for a policy directory: loopback, port 8181, no TLS, no issuer, no tokens. */
    public static ServerConfig forPolicies(Path policies) {
        return new ServerConfig("127.0.0.1", 8181, policies, null, null, List.of(), null, List.of(), DEFAULT_MAX_BODY,
                Duration.ofSeconds(30), true, Duration.ofSeconds(5), PrecedentSettings.DEFAULT);
    }

    /** A certificate chain and its private key, both PEM. */
    public record Tls(Path certificate, Path key) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * An OpenID Connect issuer.
     *
     * @param jwksUri where its keys are; none asks the issuer's discovery document
     * @param userClaim the claim naming the user in the directory ({@code sub} unless told)
     * @param algorithms the signature algorithms accepted
     * @param clockSkew how far {@code exp} and {@code nbf} may be off
     * @param clientId the client the CLI's device flow logs in as
     */
    public record Oidc(String issuer, String audience, String jwksUri, String userClaim, List<String> algorithms,
            Duration clockSkew, String clientId) {
        public Oidc {
            Objects.requireNonNull(issuer, "oidc issuer");
            Objects.requireNonNull(audience, "oidc audience");
            userClaim = userClaim == null ? "sub" : userClaim;
            algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256", "ES256", "PS256") : List.copyOf(algorithms);
            clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        }
    }

    /**
     * An API token: its SHA-256 (hex), what it may do, and whom lifecycle actions are recorded for.
     *
     * @param subject the user lifecycle actions act as; required with the {@code lifecycle} scope
     */
    public record ApiToken(String name, String sha256, List<String> scopes, String subject) {
        public ApiToken {
            Objects.requireNonNull(name, "token name");
            Objects.requireNonNull(sha256, "token sha256");
            scopes = List.copyOf(scopes);
        }
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withPolicies(Path value) {
        return new ServerConfig(host, port, value, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withTls(Tls value) {
        return new ServerConfig(host, port, policies, value, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withOidc(Oidc value) {
        return new ServerConfig(host, port, policies, tls, value, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withTokens(List<ApiToken> value) {
        return new ServerConfig(host, port, policies, tls, oidc, value, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withDecisionLog(String value, List<String> masked) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, value, masked, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withMaxBodyBytes(long value) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, decisionLog, mask, value, idleTimeout,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withIdleTimeout(Duration value) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, value,
                reloadOnChange, dispatchInterval, precedents);
    }

    public ServerConfig withReloadOnChange(boolean value) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                value, dispatchInterval, precedents);
    }

    public ServerConfig withPrecedents(PrecedentSettings value) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, dispatchInterval, value);
    }

    public ServerConfig withDispatchInterval(Duration value) {
        return new ServerConfig(host, port, policies, tls, oidc, tokens, decisionLog, mask, maxBodyBytes, idleTimeout,
                reloadOnChange, value, precedents);
    }
}
