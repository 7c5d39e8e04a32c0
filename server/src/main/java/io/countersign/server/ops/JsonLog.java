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
