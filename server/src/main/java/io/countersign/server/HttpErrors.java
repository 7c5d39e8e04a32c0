package io.countersign.server;

import io.countersign.engine.json.Json;
import io.countersign.server.http.Ids;
import io.countersign.server.http.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty refuses before a request reaches the API — a malformed URI, headers too large, two
 * {@code Content-Length}s, no {@code Host} — answered as a problem document like every other refusal,
 * not Jetty's HTML page.
 */
final class HttpErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String id = Ids.next();
        Problem p = Problem.of(code, Pipeline.code(code), reason, message == null || message.isBlank() ? reason : message)
                .withRequestId(id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put("X-Request-Id", id);
        response.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(p)), callback);
    }
}
