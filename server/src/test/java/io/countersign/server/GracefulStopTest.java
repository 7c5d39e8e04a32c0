package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop finishes the request in flight, then takes no more. */
class GracefulStopTest {

    @TempDir
    Path dir;

    @Test
    void theRequestInFlightIsAnsweredThenTheServerIsGone() throws Exception {
        TestServer s = new TestServer(dir);
        int port = s.server.port();
        String body = OperationsTest.DECIDE;
        Thread stopping;
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestServer.GATEWAY
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // the request is in the handler, reading its body
            stopping = new Thread(s::close);
            stopping.start();
            Thread.sleep(300);
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        stopping.join(15_000);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"decisionId\""), answer);
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
