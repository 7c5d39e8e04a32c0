package io.countersign.analysis.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.analysis.report.Finding;
import io.countersign.analysis.report.Level;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The level of each finding's code: its default, a {@code lint.yaml} beside the policies
 * ({@code severity: {shadowed-rule: error, CS-L006: off}}), then {@code --severity CODE=LEVEL}.
 */
public final class LintConfig {

    /** The configuration file looked for in a policy directory. */
    public static final String FILE = "lint.yaml";

    private final Map<LintCode, Level> levels = new EnumMap<>(LintCode.class);

    /** Thrown for a configuration that names an unknown code or level; the message says which. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    public LintConfig() {
        for (LintCode c : LintCode.values()) {
            levels.put(c, c.defaultLevel());
        }
    }

    /** Reads {@code severity:} from a YAML file. */
    public LintConfig read(Path file) throws IOException, Invalid {
        JsonNode root;
        try {
            root = Json.yaml().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(file + ": not valid YAML: " + Json.describe(e));
        }
        if (root == null || root.isNull()) {
            return this;
        }
        if (!root.isObject()) {
            throw new Invalid(file + ": expected a map with 'severity'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("severity")) {
                throw new Invalid(file + ": unknown key '" + k + "' (expected 'severity')");
            }
        }
        JsonNode severity = root.get("severity");
        if (severity == null || severity.isNull()) {
            return this;
        }
        if (!severity.isObject()) {
            throw new Invalid(file + ": 'severity' maps codes to off, note, warning or error");
        }
        for (Iterator<String> it = severity.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            set(k, severity.get(k).asText(), file.toString());
        }
        return this;
    }

    /** {@code CODE=LEVEL}, as the command line gives it. */
    public LintConfig override(String assignment) throws Invalid {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new Invalid("--severity " + assignment + ": expected CODE=LEVEL, e.g. shadowed-rule=error");
        }
        set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--severity");
        return this;
    }

    private void set(String codeText, String levelText, String where) throws Invalid {
        LintCode code = LintCode.find(codeText);
        if (code == null) {
            throw new Invalid(where + ": unknown finding '" + codeText + "' (codes CS-L001..CS-L012 or their names;"
                    + " docs/analysis.md lists them)");
        }
        Level level = Level.parse(levelText);
        if (level == null) {
            throw new Invalid(where + ": unknown level '" + levelText + "' for " + codeText
                    + " (expected off, note, warning or error)");
        }
        levels.put(code, level);
    }

    /** The findings at their configured levels, without those turned off. */
    public List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Level l = levels.get(LintCode.find(f.code()));
            if (l != Level.OFF) {
                out.add(f.withLevel(l));
            }
        }
        return out;
    }
}
