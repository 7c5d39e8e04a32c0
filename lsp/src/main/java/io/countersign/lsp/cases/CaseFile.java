package io.countersign.lsp.cases;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.countersign.engine.json.Json;
import io.countersign.engine.policytest.TestFile;
import io.countersign.lsp.text.LineIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A {@code *.test.yaml} file as the editor needs it: each case's lines and name, each rule id under
 * {@code expect.rules} with its exact range, the file as the runner reads it, and the YAML error
 * that stops it, if any.
 */
public record CaseFile(String text, LineIndex lines, List<Case> cases, List<RuleRef> ruleRefs,
        Optional<TestFile> parsed, Optional<Problem> problem) {

    public CaseFile {
        cases = List.copyOf(cases);
        ruleRefs = List.copyOf(ruleRefs);
    }

    /** Case {@code index} (0-based, as in the file), written from line {@code firstLine} to {@code lastLine}. */
    public record Case(int index, String name, Range nameRange, int firstLine, int lastLine) {
    }

    /** A rule id ({@code policy/rule}) named in a case's {@code expect.rules}. */
    public record RuleRef(String id, Range range) {
    }

    /** Why the file cannot be read, and where. */
    public record Problem(String message, Range range) {
    }

    /** The case written at 0-based {@code line}, if any. */
    public Optional<Case> caseAt(int line) {
        return cases.stream().filter(c -> c.firstLine() <= line && line <= c.lastLine()).findFirst();
    }

    public static CaseFile read(String text) {
        LineIndex lines = new LineIndex(text);
        List<Case> cases = new ArrayList<>();
        List<RuleRef> refs = new ArrayList<>();
        Optional<Problem> problem = Optional.empty();
        try (JsonParser p = Json.yaml().getFactory().createParser(text)) {
            new Walk(p, lines, cases, refs).file();
        } catch (JsonProcessingException e) {
            problem = Optional.of(problem(e, lines));
        } catch (IOException | RuntimeException e) {
            problem = Optional.of(new Problem("cannot read the file: " + e.getMessage(), lines.range(
                    io.countersign.lang.ast.Loc.NONE)));
        }
        List<Case> spanned = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int last = i + 1 < cases.size() ? Math.max(c.firstLine(), cases.get(i + 1).firstLine() - 1)
                    : lines.lineCount() - 1;
            spanned.add(new Case(c.index(), c.name(), c.nameRange(), c.firstLine(), last));
        }
        Optional<TestFile> parsed = Optional.empty();
        if (problem.isEmpty()) {
            try {
                parsed = Optional.ofNullable(Json.yaml().readValue(text, TestFile.class));
            } catch (JsonProcessingException e) {
                problem = Optional.of(problem(e, lines));
            }
        }
        return new CaseFile(text, lines, spanned, refs, parsed, problem);
    }

    private static Problem problem(JsonProcessingException e, LineIndex lines) {
        JsonLocation at = e.getLocation();
        Position start = at != null && at.getLineNr() > 0 ? lines.position(at.getLineNr(), at.getColumnNr())
                : new Position(0, 0);
        Position end = new Position(start.getLine(), lines.line(start.getLine()).length());
        return new Problem(Json.describe(e), new Range(start, end));
    }

    /** A walk over the parser's tokens that notes where cases, their names and their rule ids are. */
    private static final class Walk {
        private final JsonParser p;
        private final LineIndex lines;
        private final List<Case> cases;
        private final List<RuleRef> refs;

        Walk(JsonParser p, LineIndex lines, List<Case> cases, List<RuleRef> refs) {
            this.p = p;
            this.lines = lines;
            this.cases = cases;
            this.refs = refs;
        }

        /** The next token; the end of the text where a value should be is an error, never a loop. */
        private JsonToken next() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of the file");
            }
            return t;
        }

        void file() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("cases".equals(field) && value == JsonToken.START_ARRAY) {
                    while (next() != JsonToken.END_ARRAY) {
                        caseItem();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private void caseItem() throws IOException {
            int line = p.currentTokenLocation().getLineNr() - 1;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            String name = null;
            Range nameRange = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("name".equals(field) && value.isScalarValue()) {
                    name = p.getText();
                    nameRange = scalarRange(name);
                } else if ("expect".equals(field) && value == JsonToken.START_OBJECT) {
                    expect();
                } else {
                    p.skipChildren();
                }
            }
            Range at = nameRange != null ? nameRange : new Range(new Position(line, 0), new Position(line, 0));
            cases.add(new Case(cases.size(), name, at, Math.max(0, Math.min(line, at.getStart().getLine())), 0));
        }

        private void expect() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("rules".equals(field) && value == JsonToken.START_ARRAY) {
                    while (next() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.VALUE_STRING) {
                            refs.add(new RuleRef(p.getText(), scalarRange(p.getText())));
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        /** Where the current scalar is written: found on its line from the parser's column, quotes excluded. */
        private Range scalarRange(String value) {
            JsonLocation at = p.currentTokenLocation();
            Position start = lines.position(at.getLineNr(), at.getColumnNr());
            String line = lines.line(start.getLine());
            int from = Math.min(start.getCharacter(), line.length());
            if (from < line.length() && (line.charAt(from) == '"' || line.charAt(from) == '\'')) {
                from++;
            }
            int found = line.indexOf(value, from);
            if (found == from || found >= 0 && value.length() > 0 && found - from <= 2) {
                from = found;
            }
            int to = Math.min(line.length(), from + value.length());
            return new Range(new Position(start.getLine(), from), new Position(start.getLine(), to));
        }
    }
}
