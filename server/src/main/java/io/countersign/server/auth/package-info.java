/**
 * Who is calling: people with OIDC bearer tokens (JWTs checked against the issuer's JWKS), gateways and
 * automation with API tokens stored as SHA-256 hashes, each with its scopes. No {@code --as} on a server.
 */
package io.countersign.server.auth;
