package io.countersign.analysis.report;

/**
 * Text from policies and requests, made safe to print: control characters, and the characters that
 * reorder or hide text (bidirectional overrides, zero-width), written as {@code \\uXXXX}.
 */
public final class Terminal {

    private Terminal() {
    }

    public static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean hidden = cp < 0x20 && cp != '\n' || cp >= 0x7f && cp < 0xa0 || cp >= 0x200b && cp <= 0x200f
                    || cp >= 0x202a && cp <= 0x202e || cp >= 0x2066 && cp <= 0x2069 || cp == 0xfeff;
            if (hidden) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
