package io.countersign.server.auth;

import io.countersign.server.http.ProblemException;
import java.util.Locale;

/**
 * The caller of a request from its {@code Authorization} header: an API token ({@code cst_…}) or a
 * person's JWT. Anything else, or nothing, is 401; a scope the caller lacks is 403.
 */
public final class Authenticator {

    private final ApiTokens tokens;
    private final OidcVerifier oidc;

    /** @param oidc none: no person can authenticate */
    public Authenticator(ApiTokens tokens, OidcVerifier oidc) {
        this.tokens = tokens;
        this.oidc = oidc;
    }

    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ProblemException.unauthorized("no bearer token: send Authorization: Bearer TOKEN");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("the Authorization header is not a bearer token");
        }
        String token = authorization.substring(7).trim();
        if (token.startsWith(ApiTokens.PREFIX)) {
            return tokens.find(token).orElseThrow(() -> ProblemException.unauthorized("unknown API token"));
        }
        if (oidc == null) {
            throw ProblemException.unauthorized("this server accepts API tokens only (no OIDC issuer is configured)");
        }
        try {
            return oidc.verify(token);
        } catch (OidcVerifier.AuthException e) {
            throw ProblemException.unauthorized(e.getMessage());
        }
    }

    /** The caller, refused unless they hold {@code scope}. */
    public Caller require(String authorization, Scope scope) {
        Caller c = authenticate(authorization);
        if (!c.may(scope)) {
            throw ProblemException.forbidden(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                    + c.name() + " lacks the " + scope.label() + " scope");
        }
        return c;
    }
}
