package io.countersign.server;

import io.countersign.engine.store.Store;
import io.countersign.server.auth.ApiTokens;
import io.countersign.server.config.ServerConfig;
import io.countersign.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real server on a loopback port over a real SQLite file, with the test policies copied into a
 * directory of its own, and API tokens for a gateway, an admin and an automation acting as frank.
 */
final class TestServer implements AutoCloseable {

    static final String GATEWAY = ApiTokens.PREFIX + "gateway-token-for-tests-0000000000000000";
    static final String ADMIN = ApiTokens.PREFIX + "admin-token-for-tests-00000000000000000000";
    static final String FRANK = ApiTokens.PREFIX + "frank-automation-token-for-tests-000000000";
    static final String BOB = ApiTokens.PREFIX + "bob-token-for-tests-000000000000000000000000";
    static final String ERIN = ApiTokens.PREFIX + "erin-token-for-tests-00000000000000000000000";

    final Path dir;
    final Path policies;
    final Store store;
    final CountersignServer server;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(Path dir) throws Exception {
        this(dir, c -> c);
    }

    TestServer(Path dir, UnaryOperator<ServerConfig> configure) throws Exception {
        this(dir, configure, r -> { });
    }

    TestServer(Path dir, UnaryOperator<ServerConfig> configure,
            java.util.function.Consumer<io.javalin.config.RoutesConfig> routes) throws Exception {
        this.dir = dir;
        this.policies = dir.resolve("policies");
        Files.createDirectories(policies);
        for (String f : List.of("production.policy", "directory.yaml")) {
            try (InputStream in = TestServer.class.getResourceAsStream("policies/" + f)) {
                Files.copy(in, policies.resolve(f));
            }
        }
        this.store = SqliteStore.open(dir.resolve("countersign.db"));
        ServerConfig config = configure.apply(ServerConfig.forPolicies(policies).withPort(0)
                .withReloadOnChange(false)
                .withDispatchInterval(Duration.ZERO)
                .withTokens(List.of(
                        token("gateway", GATEWAY, List.of("decide", "access"), null),
                        token("admin", ADMIN, List.of("admin"), null),
                        token("frank-bot", FRANK, List.of("lifecycle", "decide"), "frank"),
                        token("bob", BOB, List.of("lifecycle"), "bob"),
                        token("erin", ERIN, List.of("lifecycle"), "erin"))));
        this.server = CountersignServer.builder(config).store(store).routes(routes)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8)).start();
    }

    static ServerConfig.ApiToken token(String name, String token, List<String> scopes, String subject) {
        return new ServerConfig.ApiToken(name, ApiTokens.sha256(token), scopes, subject);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many requests the store holds, of any status. */
    int stored() {
        return store.requestIds(null, 1000).items().size();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
