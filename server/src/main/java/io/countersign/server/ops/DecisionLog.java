package io.countersign.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Decisions served, as JSON lines (OPA's decision-log convention): decision id, path, input, result,
 * policy digest, time — with the configured fields masked (removed, and listed under {@code erased}).
 */
public final class DecisionLog implements AutoCloseable {

    private final PrintStream out;
    private final boolean owned;
    private final List<String> mask;

    private DecisionLog(PrintStream out, boolean owned, List<String> mask) {
        this.out = out;
        this.owned = owned;
        this.mask = List.copyOf(mask);
        for (String m : mask) {
            if (!m.startsWith("/") || m.length() < 2) {
                throw new IllegalArgumentException("decision log mask '" + m + "' is not a JSON pointer such as /input/context");
            }
        }
    }

    /** To {@code target}: {@code -} for stdout, else a file appended to; null logs nothing. */
    public static DecisionLog open(String target, List<String> mask) throws IOException {
        if (target == null) {
            return null;
        }
        if (target.equals("-")) {
            return new DecisionLog(System.out, false, mask);
        }
        OutputStream file = Files.newOutputStream(Path.of(target), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new DecisionLog(new PrintStream(file, true, StandardCharsets.UTF_8), true, mask);
    }

    public void log(String decisionId, String path, String caller, Object input, Object result, String policyDigest,
            Instant at) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("decision_id", decisionId);
        line.put("path", path);
        line.put("timestamp", at.toString());
        if (caller != null) {
            line.put("caller", caller);
        }
        line.set("input", Json.mapper().valueToTree(input));
        line.set("result", Json.mapper().valueToTree(result));
        line.put("policy_digest", policyDigest);
        var erased = line.arrayNode();
        for (String pointer : mask) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? line : line.at(pointer.substring(0, slash));
            if (parent instanceof ObjectNode o && o.remove(pointer.substring(slash + 1)) != null) {
                erased.add(pointer);
            }
        }
        if (!erased.isEmpty()) {
            line.set("erased", erased);
        }
        String text = line.toString();
        synchronized (out) {
            out.println(text);
        }
    }

    @Override
    public void close() {
        if (owned) {
            out.close();
        }
    }
}
