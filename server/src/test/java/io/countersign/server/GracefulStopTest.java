package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop finishes the request in flight, then takes no more. */
class GracefulStopTest {

    @TempDir
    Path dir;

    @Test
    void theRequestInFlightIsAnsweredThenTheServerIsGone() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        // A handler that says when it has begun, then reads its body as any endpoint does.
        TestServer s = new TestServer(dir, c -> c, r -> r.post("/test/slow", ctx -> {
            entered.countDown();
            ctx.contentType("application/json").result("{\"read\":" + ctx.bodyAsBytes().length + "}");
        }));
        int port = s.server.port();
        String body = OperationsTest.DECIDE;
        Thread stopping;
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(entered.await(20, TimeUnit.SECONDS), "the request never reached its handler");
            stopping = new Thread(s::close);
            stopping.start();
            Thread.sleep(300); // the stop has begun: no new connections, this one still in flight
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        stopping.join(15_000);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("{\"read\":" + body.length() + "}"), answer);
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
