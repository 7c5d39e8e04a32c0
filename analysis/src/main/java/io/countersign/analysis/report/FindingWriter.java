package io.countersign.analysis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes findings in one of the {@link Format}s. Text and GitHub annotations go through
 * {@link Terminal#safe}; JSON and SARIF are escaped by the JSON writer.
 */
public final class FindingWriter {

    /** A rule (code) as SARIF describes it. */
    public record Rule(String code, String name, String summary, Level level) {
    }

    private FindingWriter() {
    }

    public static String write(Format format, String tool, List<Rule> rules, List<Finding> findings) {
        return switch (format) {
            case text -> text(findings);
            case json -> json(findings);
            case sarif -> sarif(tool, rules, findings);
            case github -> github(findings);
        };
    }

    static String text(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(f.loc().position()).append(": ").append(f.level().label()).append(": ")
                    .append(Terminal.safe(f.message())).append(" [").append(f.code()).append(' ').append(f.name())
                    .append("]\n");
            if (f.example() != null) {
                b.append("    e.g. ").append(Terminal.safe(compact(f.example()))).append('\n');
                if (!f.confirmed()) {
                    b.append("    (the reference evaluator decides this example otherwise: it relies on a predicate"
                            + " outside the decidable core)\n");
                }
            }
        }
        return b.toString();
    }

    static String json(List<Finding> findings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code());
            m.put("name", f.name());
            m.put("level", f.level().label());
            m.put("file", f.loc().file());
            m.put("line", f.loc().line());
            m.put("column", f.loc().column());
            m.put("endLine", f.loc().endLine());
            m.put("endColumn", f.loc().endColumn());
            m.put("message", f.message());
            if (f.example() != null) {
                m.put("example", f.example());
                m.put("confirmed", f.confirmed());
            }
            out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("findings", out);
        doc.put("counts", counts(findings));
        return write(doc);
    }

    static Map<String, Long> counts(List<Finding> findings) {
        Map<String, Long> c = new LinkedHashMap<>();
        for (Level l : new Level[] {Level.ERROR, Level.WARNING, Level.NOTE}) {
            c.put(l.label(), findings.stream().filter(f -> f.level() == l).count());
        }
        return c;
    }

    static String sarif(String tool, List<Rule> rules, List<Finding> findings) {
        List<Map<String, Object>> ruleList = new ArrayList<>();
        for (Rule r : rules) {
            ruleList.add(Map.of("id", r.code(), "name", r.name(), "shortDescription", Map.of("text", r.summary()),
                    "defaultConfiguration", Map.of("level", sarifLevel(r.level()))));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", Math.max(1, f.loc().line()));
            region.put("startColumn", Math.max(1, f.loc().column()));
            if (f.loc().endLine() > 0) {
                region.put("endLine", f.loc().endLine());
                region.put("endColumn", f.loc().endColumn());
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", f.code());
            r.put("level", sarifLevel(f.level()));
            String text = f.message() + (f.example() == null ? "" : " e.g. " + compact(f.example()));
            r.put("message", Map.of("text", text));
            r.put("locations", List.of(Map.of("physicalLocation", Map.of("artifactLocation",
                    Map.of("uri", f.loc().file().replace('\\', '/')), "region", region))));
            if (f.example() != null) {
                r.put("properties", Map.of("example", f.example(), "confirmed", f.confirmed()));
            }
            results.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", tool);
        driver.put("informationUri", "https://github.com/countersign/countersign/blob/main/docs/analysis.md");
        driver.put("rules", ruleList);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        return write(doc);
    }

    private static String sarifLevel(Level l) {
        return switch (l) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE, OFF -> "note";
        };
    }

    static String github(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            String kind = f.level() == Level.ERROR ? "error" : f.level() == Level.WARNING ? "warning" : "notice";
            String message = f.message() + (f.example() == null ? "" : "\ne.g. " + compact(f.example()));
            b.append("::").append(kind).append(" file=").append(property(f.loc().file()))
                    .append(",line=").append(f.loc().line()).append(",col=").append(f.loc().column());
            if (f.loc().endLine() > 0) {
                b.append(",endLine=").append(f.loc().endLine()).append(",endColumn=").append(f.loc().endColumn());
            }
            b.append(",title=").append(property(f.code() + " " + f.name())).append("::")
                    .append(data(Terminal.safe(message))).append('\n');
        }
        return b.toString();
    }

    /** GitHub's workflow-command escaping of a message. */
    public static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** ... and of a property value. */
    public static String property(String s) {
        return data(Terminal.safe(s)).replace(":", "%3A").replace(",", "%2C");
    }

    public static String compact(Map<String, Object> example) {
        try {
            return Json.mapper().writeValueAsString(example);
        } catch (JsonProcessingException e) {
            return String.valueOf(example);
        }
    }

    private static String write(Object doc) {
        try {
            ObjectMapper m = Json.mapper();
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings are plain JSON values", e);
        }
    }
}
