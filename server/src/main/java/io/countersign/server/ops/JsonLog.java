package io.countersign.server.ops;

import io.countersign.engine.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's own log: one JSON object a line, with the time, the level, the message and the fields
 * given (a request's id among them). Text from callers travels as JSON strings, escaped.
 */
public final class JsonLog {

    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String message, Map<String, Object> fields) {
        write("info", message, fields);
    }

    public void warn(String message, Map<String, Object> fields) {
        write("warn", message, fields);
    }

    /**
     * The line of one request, the same as {@code info("request", fields)} gives (keys in order), written
     * straight to bytes: no map per request, no string, no encoder.
     *
     * @param requestId none: left out
     * @param caller none: left out (the request was refused before anyone was authenticated)
     */
    public void request(String requestId, String method, String path, int status, long micros, String caller) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = Json.mapper().getFactory().createGenerator(buf)) {
            g.writeStartObject();
            if (caller != null) {
                g.writeStringField("caller", caller);
            }
            g.writeStringField("level", "info");
            g.writeStringField("method", method);
            g.writeNumberField("micros", micros);
            g.writeStringField("msg", "request");
            g.writeStringField("path", path);
            if (requestId != null) {
                g.writeStringField("requestId", requestId);
            }
            g.writeNumberField("status", status);
            g.writeStringField("time", clock.instant().toString());
            g.writeEndObject();
        } catch (java.io.IOException e) {
            // a generator over memory does not fail; the line is simply not written
            return;
        }
        buf.writeBytes(NEWLINE);
        synchronized (out) {
            out.write(buf.toByteArray(), 0, buf.size());
        }
    }

    private static final byte[] NEWLINE = System.lineSeparator().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private void write(String level, String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("msg", message);
        line.putAll(fields);
        try {
            String text = Json.mapper().writeValueAsString(line);
            synchronized (out) {
                out.println(text);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            synchronized (out) {
                out.println("{\"level\":\"error\",\"msg\":\"a log line could not be written\"}");
            }
        }
    }
}
