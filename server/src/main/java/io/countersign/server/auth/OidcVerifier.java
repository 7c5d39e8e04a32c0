package io.countersign.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.countersign.engine.json.Json;
import io.countersign.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a person's bearer token: a JWS by one of the allowed algorithms (never {@code none}, never an
 * HMAC keyed with a public key), signed by a key of the issuer's JWKS, with the right {@code iss} and
 * {@code aud}, within {@code exp}/{@code nbf} give or take the configured skew.
 */
public final class OidcVerifier {

    /** Scopes every person has; {@code admin} comes with API tokens only. */
    private static final Set<Scope> PERSON = EnumSet.of(Scope.DECIDE, Scope.ACCESS, Scope.LIFECYCLE);

    private final ServerConfig.Oidc config;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final JsonNode discovery;

    public OidcVerifier(ServerConfig.Oidc config) {
        this.config = config;
        this.discovery = config.jwksUri() == null ? discover(config.issuer()) : null;
        String jwks = config.jwksUri() != null ? config.jwksUri() : discovery.path("jwks_uri").asText(null);
        if (jwks == null) {
            throw new IllegalArgumentException("the issuer's discovery document names no jwks_uri");
        }
        JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.create(new URL(jwks)).retrying(false).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("jwksUri: '" + jwks + "' is not a URL", e);
        }
        Set<JWSAlgorithm> algs = new HashSet<>();
        for (String a : config.algorithms()) {
            JWSAlgorithm alg = JWSAlgorithm.parse(a);
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) || a.equalsIgnoreCase("none")) {
                throw new IllegalArgumentException("oidc algorithms: " + a + " is not allowed (an issuer signs with a private key)");
            }
            algs.add(alg);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, source));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(config.audience(),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), new HashSet<>(java.util.List.of("sub", "exp", config.userClaim())));
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The person the token names, or why not (never the token itself). */
    public Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (java.text.ParseException e) {
            throw new AuthException("the bearer token is not a JWT");
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new AuthException("the bearer token was refused: " + e.getMessage());
        }
        Object user = claims.getClaim(config.userClaim());
        if (!(user instanceof String s) || s.isBlank()) {
            throw new AuthException("the bearer token names no user in claim " + config.userClaim());
        }
        return new Caller(Caller.Kind.PERSON, s, s, PERSON);
    }

    /** The issuer's discovery document, for the device flow's endpoints; null when the JWKS was configured. */
    public JsonNode discovery() {
        return discovery;
    }

    static JsonNode discover(String issuer) {
        URI uri = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalArgumentException(uri + " answered " + r.statusCode());
            }
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the issuer's discovery document could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while reading the issuer's discovery document", e);
        }
    }

    /** A token that does not prove who is calling. */
    public static final class AuthException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuthException(String message) {
            super(message, null, false, false);
        }
    }
}
