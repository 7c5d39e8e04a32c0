package io.countersign.engine.policytest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.json.Json;
import io.countersign.lang.source.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code *.test.yaml} file and reports everything wrong with it at once, each error at its
 * {@code FILE:LINE:COLUMN}: the YAML is read into a tree that remembers where every value was written,
 * and each case, and each expectation of a case, is checked on its own, so one mistake does not hide
 * the next. A YAML syntax error ends the reading of that file only.
 */
final class TestFileReader {

    private static final Set<String> CASE_FIELDS = Set.of("name", "request", "expect");
    private static final Set<String> DECISIONS = Set.of("approved", "conditional", "partial", "denied", "pending");

    private final String file;
    private final List<String> errors;
    /** Where each value was written, by JSON pointer ({@code /cases/2/expect/risk}). */
    private final Map<String, JsonLocation> at = new HashMap<>();

    private TestFileReader(String file, List<String> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** The file's cases, or empty after adding its errors to {@code errors}. */
    static Optional<TestFile> read(Path f, List<String> errors) {
        return new TestFileReader(f.toString(), errors).read(f);
    }

    private Optional<TestFile> read(Path f) {
        int before = errors.size();
        JsonNode root;
        try (JsonParser p = Json.yaml().getFactory().createParser(TextFiles.read(f))) {
            p.nextToken();
            root = p.currentToken() == null ? null : tree(p, "");
        } catch (JsonProcessingException e) {
            errors.add(error(Json.describeAt(file, e)));
            return Optional.empty();
        } catch (IOException e) {
            errors.add(file + ": error: " + e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(file) + ": ", ""));
            return Optional.empty();
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (root != null && root.isObject()) {
            root.fieldNames().forEachRemaining(name -> {
                if (!name.equals("cases")) {
                    errors.add(at("/" + name, "unknown field '" + name + "': a test file holds a list under 'cases:'"));
                }
            });
        }
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            errors.add(at(cases == null ? "" : "/cases", "no cases (the file holds a list under 'cases:')"));
            return Optional.empty();
        }
        List<TestFile.Case> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            testCase(cases.get(i), "/cases/" + i, i + 1, names).ifPresent(out::add);
        }
        if (errors.size() == before) {
            return Optional.of(new TestFile(out));
        }
        errors.subList(before, errors.size()).sort(java.util.Comparator.comparingLong(this::position));
        return Optional.empty();
    }

    /** An error's line and column as one number, for sorting a file's errors as they are written. */
    private long position(String error) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+):(\\d+): ").matcher(error);
        return m.find(file.length()) && m.start() == file.length() + 1
                ? Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)) : 0;
    }

    private Optional<TestFile.Case> testCase(JsonNode c, String where, int number, Set<String> names) {
        String caseN = "case " + number;
        String label = caseN;
        if (!c.isObject()) {
            errors.add(at(where, caseN + " is not a map of name, request and expect"));
            return Optional.empty();
        }
        int before = errors.size();
        c.fieldNames().forEachRemaining(name -> {
            if (!CASE_FIELDS.contains(name)) {
                errors.add(at(where + "/" + name, caseN + ": unknown field '" + name + "' (a case has name, request, expect)"));
            }
        });
        JsonNode name = c.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            errors.add(at(name == null ? where : where + "/name", label + " has no name"));
        } else {
            label += " ('" + name.asText() + "')";
            if (!names.add(name.asText())) {
                errors.add(at(where + "/name", label + ": the name is used twice in this file"));
            }
        }
        JsonNode request = c.get("request");
        if (request == null || request.isNull()) {
            errors.add(at(where, label + " has no request"));
        } else if (!request.isObject()) {
            errors.add(at(where + "/request", label + ": the request is not a map of its fields"));
        }
        TestFile.Expect expect = expect(c.get("expect"), where + "/expect", label);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TestFile.Case(name.asText(), request, expect));
    }

    /** The expectations, each field checked on its own so that every wrong one is reported. */
    private TestFile.Expect expect(JsonNode node, String where, String label) {
        if (node == null || node.isNull() || node.isObject() && node.isEmpty()) {
            errors.add(at(node == null ? where.substring(0, where.lastIndexOf('/')) : where, label
                    + " expects nothing: give at least one of decision, rules, duration, grants, stages, conditions,"
                    + " stipulations, controls, risk, rationale, error"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(at(where, label + ": expect is not a map of expectations"));
            return null;
        }
        ObjectNode left = ((ObjectNode) node).deepCopy();
        while (true) {
            try {
                TestFile.Expect x = Json.mapper().treeToValue(left, TestFile.Expect.class);
                if (x.decision() != null && !DECISIONS.contains(x.decision())) {
                    errors.add(at(where + "/decision", label + ": decision '" + x.decision()
                            + "' is not one of approved, conditional, partial, denied, pending"));
                }
                return x;
            } catch (JsonProcessingException e) {
                String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                        ? m.getPath().get(0).getFieldName() : null;
                errors.add(at(pointer(where, e), label + ": " + Json.describe(e).replace("field '", "field 'expect.")));
                if (field == null || left.remove(field) == null) {
                    return null;
                }
            }
        }
    }

    /** Where a binding failure points: the pointer of the deepest field in its path. */
    private static String pointer(String base, JsonProcessingException e) {
        StringBuilder p = new StringBuilder(base);
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                p.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
            }
        }
        return p.toString();
    }

    /** {@code FILE:LINE:COLUMN: error: MESSAGE}, at the nearest value written at or above the pointer. */
    private String at(String pointer, String message) {
        String p = pointer;
        while (!at.containsKey(p) && !p.isEmpty()) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        JsonLocation l = at.get(p);
        return l == null ? file + ": error: " + message
                : file + ":" + l.getLineNr() + ":" + l.getColumnNr() + ": error: " + message;
    }

    private String error(String located) {
        int colon = located.indexOf(": ", file.length());
        return located.substring(0, colon) + ": error" + located.substring(colon);
    }

    /** The value at the parser's current token, noting where each value in it was written. */
    private JsonNode tree(JsonParser p, String pointer) throws IOException {
        at.put(pointer, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                o.set(name, tree(p, pointer + "/" + name.replace("~", "~0").replace("/", "~1")));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(tree(p, pointer + "/" + a.size()));
            }
            return a;
        }
        JsonNodeFactory n = JsonNodeFactory.instance;
        return switch (t) {
            case VALUE_STRING -> n.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberValue() instanceof java.math.BigInteger b ? n.numberNode(b)
                    : n.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> n.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> n.booleanNode(true);
            case VALUE_FALSE -> n.booleanNode(false);
            default -> t == JsonToken.VALUE_NULL ? n.nullNode() : n.textNode(p.getText());
        };
    }
}
