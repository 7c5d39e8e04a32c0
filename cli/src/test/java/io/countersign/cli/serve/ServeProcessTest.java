package io.countersign.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign serve} as a real process: configured by server.yaml and the environment, serving
 * the gateway's token from the environment, reloading on SIGHUP (and refusing a broken set), stopping on
 * SIGTERM.
 */
class ServeProcessTest {

    static final String TOKEN = "cst_serve-process-test-token-0000000000000000";

    @TempDir
    Path dir;

    @Test
    void servesReloadsOnHangupAndStopsOnTerm() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("p.policy"), "policy p {\n  scope profile matches \"prod-*\"\n"
                + "  default require approval from 1 of group \"sre-leads\"\n  allow unsigned decisions\n}\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, "listen: 127.0.0.1:" + port + "\npolicies: policies\nreloadOnChange: false\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.countersign.cli.Main", "serve", "--config", config.toString(),
                "--home", dir.resolve("home").toString())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("COUNTERSIGN_GATEWAY_TOKEN", TOKEN);
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            waitFor(http, base + "/readyz", 200, p);
            HttpResponse<String> d = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/decide"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requester\":\"a\",\"profile\":\"prod-x\",\"duration\":\"1h\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, d.statusCode(), d.body());
            assertTrue(d.body().contains("\"pending\""), d.body());
            Files.writeString(policies.resolve("broken.policy"), "policy broken {\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            waitFor(http, base + "/readyz", 503, p);
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook stops the server
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
        }
        String log = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertTrue(log.contains("\"msg\":\"policy reload refused\""), log);
        assertTrue(log.contains("\"msg\":\"stopped\""), log);
    }

    private static void waitFor(HttpClient http, String url, int status, Process p) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && p.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " never answered " + status + " (alive: " + p.isAlive() + ")");
    }
}
