package io.countersign.notify.sns;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server on loopback that answers every request with one fixed response, for what fauxqs never
 * says (throttling, 5xx), and that keeps the last request's {@code Authorization} header, which names the
 * region and the access key the SDK signed with.
 */
final class StubSns implements AutoCloseable {

    private final HttpServer server;
    private volatile int status = 200;
    private volatile String body = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>m-1</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>";
    private volatile String authorization;

    StubSns() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** From now on, answer with SNS's error document for {@code code}. */
    void failWith(int status, String code) {
        this.status = status;
        this.body = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                + "<Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code>"
                + "<Message>stubbed " + code + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
    }

    String authorization() {
        return authorization;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
