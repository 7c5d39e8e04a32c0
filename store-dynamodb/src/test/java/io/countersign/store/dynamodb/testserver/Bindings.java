package io.countersign.store.dynamodb.testserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request (or of one
 * action of a transaction), and which of them its expressions used (Developer Guide, "Expression
 * attribute names" and "Expression attribute values"): an undefined one, a bare name that is a reserved
 * word, and — once every expression is read — an unused one are each a ValidationException.
 */
final class Bindings {

    private static final Set<String> RESERVED = reservedWords();

    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    Bindings(Map<String, String> names, Map<String, Value> values) {
        this.names = names;
        this.values = values;
    }

    static Bindings of(Input in) {
        return new Bindings(in.names(), in.values());
    }

    /** {@code #ref}: the attribute name it stands for. */
    String name(String ref, String expression) {
        String name = names.get(ref);
        if (name == null) {
            throw DynamoError.validation("Invalid " + expression + ": An expression attribute name used in the document path"
                    + " is not defined; attribute name: " + ref);
        }
        usedNames.add(ref);
        return name;
    }

    /** A name written into the expression itself: allowed unless DynamoDB reserves the word. */
    String bare(String name, String expression) {
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw DynamoError.validation("Invalid " + expression + ": Attribute name is a reserved keyword; reserved keyword: "
                    + name);
        }
        return name;
    }

    /** {@code :ref}: the value it stands for. */
    Value value(String ref, String expression) {
        Value v = values.get(ref);
        if (v == null) {
            throw DynamoError.validation("Invalid " + expression + ": An expression attribute value used in expression is not"
                    + " defined; attribute value: " + ref);
        }
        usedValues.add(ref);
        return v;
    }

    /**
     * After every expression of the request is read: names and values given but not used are refused,
     * names before values, as DynamoDB checks them.
     */
    void checkAllUsed(boolean anyExpression) {
        if (!anyExpression && !names.isEmpty()) {
            throw DynamoError.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && !values.isEmpty()) {
            throw DynamoError.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoError.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private static Set<String> reservedWords() {
        Set<String> out = new LinkedHashSet<>();
        try (InputStream in = Bindings.class.getResourceAsStream("reserved-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("reserved-words.txt is missing beside " + Bindings.class.getName());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
