package io.countersign.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expected lines against printed ones, as the README and the help show output: {@code ...} is any
 * text, alone on a line any lines; every other character is itself, and the whole output is matched.
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(List<String> expected, List<String> actual) {
        return matches(expected, 0, actual, 0, new HashMap<>());
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j, Map<Long, Boolean> memo) {
        long at = (long) i << 32 | j;
        Boolean known = memo.get(at);
        if (known != null) {
            return known;
        }
        boolean result;
        if (i == e.size()) {
            result = j == a.size();
        } else if (e.get(i).strip().equals("...")) {
            result = false;
            for (int k = j; k <= a.size() && !result; k++) {
                result = matches(e, i + 1, a, k, memo);
            }
        } else {
            result = j < a.size() && line(e.get(i)).matcher(a.get(j)).matches() && matches(e, i + 1, a, j + 1, memo);
        }
        memo.put(at, result);
        return result;
    }

    private static Pattern line(String expected) {
        return Pattern.compile(String.join(".*", Arrays.stream(expected.split("\\.\\.\\.", -1))
                .map(Pattern::quote).toList()));
    }
}
