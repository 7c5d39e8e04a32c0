package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.countersign.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People authenticate with JWTs checked against a real JWKS endpoint on loopback; gateways with API
 * tokens. Every forgery, mismatch and overreach is refused with 401 or 403, and nothing is written.
 */
class AuthenticationTest {

    @TempDir
    static Path dir;
    static Jwks issuer;
    static TestServer s;

    static final String SUBMIT = "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"deploy\"}}";

    @BeforeAll
    static void start() throws Exception {
        issuer = new Jwks();
        s = new TestServer(dir, c -> c.withOidc(new ServerConfig.Oidc(issuer.issuer(), Jwks.AUDIENCE, issuer.jwksUri(),
                null, null, null, null)));
    }

    @AfterAll
    static void stop() {
        s.close();
        issuer.close();
    }

    @AfterEach
    void nothingWritten() {
        assertEquals(0, s.stored(), "a refused call wrote a request");
    }

    static void refused(int status, HttpResponse<String> r) throws Exception {
        ProblemDocumentTest.problem(r, status, status == 401 ? "UNAUTHENTICATED" : "FORBIDDEN");
        if (status == 401) {
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
    }

    @Test
    void noTokenOrGarbageIs401() throws Exception {
        refused(401, s.post("/v1/requests", null, SUBMIT));
        refused(401, s.post("/v1/requests", "garbage", SUBMIT));
        refused(401, s.post("/v1/requests", "a.b.c", SUBMIT));
        refused(401, s.post("/v1/decide", "cst_not-a-known-token-000000000000000000000", "{}"));
    }

    @Test
    void algNoneIs401() throws Exception {
        String none = new PlainJWT(issuer.claims("alice").build()).serialize();
        refused(401, s.post("/v1/requests", none, SUBMIT));
    }

    @Test
    void hs256KeyedWithThePublicKeyIs401() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                issuer.claims("alice").build());
        forged.sign(new MACSigner(issuer.key.toRSAPublicKey().getEncoded()));
        refused(401, s.post("/v1/requests", forged.serialize(), SUBMIT));
    }

    @Test
    void wrongIssuerOrAudienceIs401() throws Exception {
        refused(401, s.post("/v1/requests", Jwks.sign(issuer.key, issuer.claims("alice").issuer("http://evil.example").build()), SUBMIT));
        refused(401, s.post("/v1/requests", Jwks.sign(issuer.key, issuer.claims("alice").audience("another-app").build()), SUBMIT));
    }

    @Test
    void expiredOrNotYetValidIs401() throws Exception {
        Instant now = Instant.now();
        refused(401, s.post("/v1/requests", Jwks.sign(issuer.key, issuer.claims("alice")
                .expirationTime(Date.from(now.minusSeconds(300))).build()), SUBMIT));
        refused(401, s.post("/v1/requests", Jwks.sign(issuer.key, issuer.claims("alice")
                .notBeforeTime(Date.from(now.plusSeconds(300))).build()), SUBMIT));
    }

    @Test
    void aKeyTheIssuerDoesNotPublishIs401() throws Exception {
        refused(401, s.post("/v1/requests", Jwks.sign(issuer.stranger, issuer.claims("alice").build()), SUBMIT));
    }

    @Test
    void aPersonMayNotAskForAnother() throws Exception {
        refused(403, s.post("/v1/requests", issuer.token("alice"),
                "{\"request\":{\"requester\":\"frank\",\"profile\":\"prod-admin\",\"duration\":\"1h\"}}"));
    }

    @Test
    void aPersonMayNotClaimGroupsOrAttributes() throws Exception {
        refused(403, s.post("/v1/requests", issuer.token("carol"),
                "{\"request\":{\"groups\":[\"oncall\"],\"profile\":\"prod-readonly\",\"duration\":\"1h\"}}"));
        refused(403, s.post("/v1/requests", issuer.token("carol"),
                "{\"request\":{\"attributes\":{\"employment\":\"employee\"},\"profile\":\"prod-admin\",\"duration\":\"1h\"}}"));
    }

    @Test
    void aPersonTheDirectoryDoesNotKnowActsOnNothing() throws Exception {
        refused(403, s.post("/v1/requests", issuer.token("mallory"), SUBMIT));
    }

    @Test
    void aGatewayTokenMayNotActOnRequests() throws Exception {
        refused(403, s.post("/v1/requests", TestServer.GATEWAY, SUBMIT));
        refused(403, s.post("/v1/requests/some-id/approve", TestServer.GATEWAY, "{}"));
        refused(403, s.post("/v1/sweep", TestServer.GATEWAY, "{}"));
        refused(403, s.get("/v1/requests", TestServer.GATEWAY));
    }

    @Test
    void aPersonIsNoAdmin() throws Exception {
        refused(403, s.post("/v1/admin/reload", issuer.token("alice"), "{}"));
    }

    @Test
    void aGoodTokenActsAsItsUser() throws Exception {
        HttpResponse<String> r = s.post("/v1/decide", issuer.token("alice"),
                "{\"requester\":\"alice\",\"profile\":\"prod-admin\",\"duration\":\"1h\"}");
        assertEquals(200, r.statusCode(), r.body());
        HttpResponse<String> list = s.get("/v1/requests?requester=alice", issuer.token("alice"));
        assertEquals(200, list.statusCode(), list.body());
    }

}
