package io.countersign.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Main;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign login}. */
@Command(name = "login",
        header = "Sign in to a server's OIDC issuer with the device flow and keep the token.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign in with the OAuth 2.0 device flow (RFC 8628) of the issuer the server trusts: open the page",
            "shown, enter the code, and the access token is kept in the home directory (token, readable by you",
            "only) for --server commands. COUNTERSIGN_TOKEN, when set, is used instead."},
        footer = {"",
            "Examples:",
            "  countersign login --issuer https://login.example.com --client-id countersign-cli",
            "",
            "Exit codes: 0 signed in, 1 the sign-in was denied or expired, 2 bad input or no device flow."})
public final class Login implements Callable<Integer> {

    @Option(names = "--issuer", paramLabel = "URL", description = "The OIDC issuer (env COUNTERSIGN_OIDC_ISSUER).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The client to sign in as (env COUNTERSIGN_OIDC_CLIENT_ID).")
    String clientId;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "openid", description = "The scopes asked for (default: openid).")
    String scope;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = StoreOptions.HOME,
            description = "Where the token is kept (DIR/token; env COUNTERSIGN_HOME; default: ~/.countersign).")
    Path home;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Made when login runs: every command's object is built with the command tree, and a client would
    // set up TLS for every other command's start-up (about 0.15 s).
    private HttpClient http;

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    @Override
    public Integer call() throws Exception {
        Function<String, String> env = Main.environment(spec);
        String iss = issuer != null ? issuer : env.apply("COUNTERSIGN_OIDC_ISSUER");
        String client = clientId != null ? clientId : env.apply("COUNTERSIGN_OIDC_CLIENT_ID");
        if (iss == null || iss.isBlank() || client == null || client.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--issuer and --client-id are required");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode discovery;
        try {
            discovery = json(http().send(HttpRequest.newBuilder(URI.create(iss.replaceAll("/+$", "")
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | IllegalArgumentException e) {
            err.println("countersign: the issuer's discovery document could not be read: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        String device = discovery.path("device_authorization_endpoint").asText(null);
        String tokenUrl = discovery.path("token_endpoint").asText(null);
        if (device == null || tokenUrl == null) {
            err.println("countersign: the issuer offers no device flow (no device_authorization_endpoint)");
            return Main.EXIT_BAD_INPUT;
        }
        JsonNode grant = json(post(device, Map.of("client_id", client, "scope", scope)));
        String deviceCode = grant.path("device_code").asText(null);
        if (deviceCode == null) {
            err.println("countersign: the issuer gave no device code: " + grant.path("error").asText("no reason"));
            return Main.EXIT_BAD_INPUT;
        }
        out.println("Open " + grant.path("verification_uri_complete").asText(grant.path("verification_uri").asText())
                + " and enter the code " + grant.path("user_code").asText());
        out.flush();
        long interval = Math.max(1, grant.path("interval").asLong(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(grant.path("expires_in").asLong(600)).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(interval * 1000);
            HttpResponse<String> r = post(tokenUrl, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code", deviceCode, "client_id", client));
            JsonNode t = json(r);
            if (r.statusCode() == 200 && t.hasNonNull("access_token")) {
                Path file = keep(t.path("access_token").asText());
                out.println("signed in; the token is kept in " + file);
                return 0;
            }
            switch (t.path("error").asText("")) {
                case "authorization_pending" -> {
                }
                case "slow_down" -> interval += 5;
                default -> {
                    err.println("countersign: sign-in failed: " + t.path("error").asText("the issuer answered " + r.statusCode()));
                    return 1;
                }
            }
        }
        err.println("countersign: sign-in failed: the code expired");
        return 1;
    }

    private Path keep(String token) throws IOException {
        Path dir = home.toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(ServerOptions.TOKEN_FILE);
        Path tmp = Files.createTempFile(dir, "token", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the home directory's own protection is what there is
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        JsonNode n = Json.mapper().readTree(r.body().isBlank() ? "{}" : r.body());
        return n == null ? Json.mapper().createObjectNode() : n;
    }
}
