package io.countersign.cli.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --context k=v} and {@code --condition k=v}: the value read as JSON would read it when that is
 * what it looks like ({@code true}, {@code 3}, {@code ["a","b"]}), else as the string it is — so
 * {@code mfa=true} is the boolean policies compare with {@code == true}.
 */
final class OpenValueText {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private OpenValueText() {
    }

    /** The pairs of {@code option}; a pair without a key ({@code =true}) is bad input naming the option. */
    static Map<String, Object> parse(CommandLine.Model.CommandSpec command, String option, Map<String, String> pairs) {
        if (pairs != null) {
            for (Map.Entry<String, String> p : pairs.entrySet()) {
                if (p.getKey().isBlank()) {
                    throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '"
                            + option + "': '" + p.getKey() + "=" + p.getValue() + "' has no key: write KEY=VALUE, such as"
                            + " mfa=true");
                }
            }
        }
        return parse(pairs);
    }

    static Map<String, Object> parse(Map<String, String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pairs != null) {
            pairs.forEach((k, v) -> out.put(k, parse(v)));
        }
        return out;
    }

    static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (NUMBER.matcher(v).matches()) {
            return new BigDecimal(v);
        }
        if (v.startsWith("[") || v.startsWith("{")) {
            try {
                return Json.mapper().readValue(v, Object.class);
            } catch (JsonProcessingException notJson) {
                return v;
            }
        }
        return v;
    }
}
