package io.countersign.engine.request;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open JSON values (attributes, context), made immutable and normalised: every number becomes a
 * {@link BigDecimal} so that {@code 5}, {@code 5.0} and {@code 5L} compare as one number.
 */
public final class OpenValues {

    private OpenValues() {
    }

    public static Map<String, Object> freeze(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, normalize(v)));
        return Collections.unmodifiableMap(out);
    }

    public static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return Collections.unmodifiableMap(out);
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalize(x)));
            return Collections.unmodifiableList(out);
        } else if (v instanceof BigDecimal d) {
            return d;
        } else if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return v;
    }
}
