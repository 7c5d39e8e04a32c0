package io.countersign.lang.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one policy file and the path it is shown under in diagnostics.
 *
 * <p>Lines are split on {@code \n}, {@code \r\n} and {@code \r}, as the lexer counts them.
 */
public record SourceFile(String path, String text) {

    /** Line {@code n} (1-based) without its line break, or "" past the end. */
    public String line(int n) {
        List<String> lines = lines();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }
}
