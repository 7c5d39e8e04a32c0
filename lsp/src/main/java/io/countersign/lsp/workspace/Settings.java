package io.countersign.lsp.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client may set in {@code initializationOptions} (the VS Code extension passes its
 * {@code countersign.*} settings there).
 *
 * @param policyRoots folders, relative to the workspace folder or absolute, each a policy set; empty
 *     to find sets by {@code directory.yaml} (see docs/lsp.md)
 * @param debounceMillis how long the server waits after an edit before checking, so that a burst of
 *     keystrokes is checked once
 * @param maxFileChars larger policy files are not parsed; one diagnostic says so
 */
public record Settings(List<String> policyRoots, int debounceMillis, int maxFileChars) {

    public static final Settings DEFAULT = new Settings(List.of(), 40, 8_000_000);

    public Settings {
        policyRoots = List.copyOf(policyRoots);
    }

    public Settings withDebounceMillis(int millis) {
        return new Settings(policyRoots, millis, maxFileChars);
    }

    public Settings withMaxFileChars(int chars) {
        return new Settings(policyRoots, debounceMillis, chars);
    }

    public Settings withPolicyRoots(List<String> roots) {
        return new Settings(roots, debounceMillis, maxFileChars);
    }

    /** The settings in {@code options}; anything missing or of the wrong type keeps its default. */
    public static Settings from(Object options) {
        Settings s = DEFAULT;
        if (!(options instanceof JsonObject o)) {
            return s;
        }
        if (o.get("policyRoots") instanceof JsonArray roots) {
            List<String> out = new ArrayList<>();
            for (JsonElement e : roots) {
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    out.add(e.getAsString());
                }
            }
            s = s.withPolicyRoots(out);
        }
        s = s.withDebounceMillis(number(o, "debounceMillis", s.debounceMillis(), 0, 5_000));
        return s.withMaxFileChars(number(o, "maxFileChars", s.maxFileChars(), 1_000, 100_000_000));
    }

    private static int number(JsonObject o, String key, int fallback, int min, int max) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return fallback;
        }
        return (int) Math.max(min, Math.min(max, e.getAsLong()));
    }
}
