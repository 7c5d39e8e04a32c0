package io.countersign.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.countersign.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign login} against an issuer on loopback that offers the device flow. */
class LoginTest {

    @TempDir
    Path dir;

    @Test
    void theDeviceFlowEndsWithTheTokenKeptForYouOnly() throws Exception {
        HttpServer issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + issuer.getAddress().getPort();
        AtomicInteger polls = new AtomicInteger();
        List<String> forms = new CopyOnWriteArrayList<>();
        issuer.createContext("/.well-known/openid-configuration", ex -> answer(ex, 200, "{\"issuer\":\"" + base
                + "\",\"device_authorization_endpoint\":\"" + base + "/device\",\"token_endpoint\":\"" + base + "/token\"}"));
        issuer.createContext("/device", ex -> {
            forms.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(ex, 200, "{\"device_code\":\"dev-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"" + base
                    + "/activate\",\"interval\":1,\"expires_in\":60}");
        });
        issuer.createContext("/token", ex -> {
            forms.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (polls.incrementAndGet() == 1) {
                answer(ex, 400, "{\"error\":\"authorization_pending\"}");
            } else {
                answer(ex, 200, "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.sig\",\"token_type\":\"Bearer\"}");
            }
        });
        issuer.start();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), Map.<String, String>of()::get, "login",
                    "--issuer", base, "--client-id", "countersign-cli", "--home", dir.toString());
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("WDJB-MJHT") && out.toString().contains(base + "/activate"), out.toString());
            Path token = dir.resolve("token");
            assertEquals("eyJhbGciOiJSUzI1NiJ9.e30.sig", Files.readString(token).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
            assertEquals(2, polls.get());
            assertTrue(forms.get(0).contains("client_id=countersign-cli"), forms.toString());
            assertTrue(forms.get(1).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
                    && forms.get(1).contains("device_code=dev-1"), forms.toString());
        } finally {
            issuer.stop(0);
        }
    }

    @Test
    void anIssuerWithoutTheDeviceFlowIsSaidPlainly() throws Exception {
        HttpServer issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/.well-known/openid-configuration", ex -> answer(ex, 200, "{\"issuer\":\"x\"}"));
        issuer.start();
        try {
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.<String, String>of()::get,
                    "login", "--issuer", "http://127.0.0.1:" + issuer.getAddress().getPort(), "--client-id", "c",
                    "--home", dir.toString());
            assertEquals(2, code);
            assertTrue(err.toString().contains("no device flow"), err.toString());
        } finally {
            issuer.stop(0);
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }
}
