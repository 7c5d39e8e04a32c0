package io.countersign.lang.text;

/**
 * Renders text for a terminal with every character that could change what a reader sees escaped
 * visibly: C0 and C1 controls (line breaks, ESC, BEL, DEL), format characters (bidi overrides,
 * embeddings, isolates and marks, zero-width spaces and joiners, soft hyphen, tags), line and paragraph
 * separators, lone surrogates and the invisible Hangul fillers. Line breaks and tabs become {@code \n},
 * {@code \r} and {@code \t}; other controls up to U+00FF {@code \xHH}; the rest {@code \u202E} or, past
 * the Basic Multilingual Plane, {@code \U000E0041}. Everything else is left as written.
 *
 * <p>Every command's text output of stored or user text goes through here; JSON output escapes the same
 * characters as JSON escapes ({@code \u202e}), so the value stays exact.
 */
public final class Escape {

    private Escape() {
    }

    /** The text with every unsafe character escaped; null becomes "". */
    public static String text(CharSequence s) {
        if (s == null) {
            return "";
        }
        int n = s.length();
        int i = 0;
        // Most text is safe: return it as it is without copying.
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            if (unsafe(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s.toString();
        }
        StringBuilder out = new StringBuilder(n + 16).append(s, 0, i);
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            int len = Character.charCount(cp);
            if (unsafe(cp)) {
                out.append(escaped(cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out.toString();
    }

    /** Whether a code point is shown escaped: controls, format characters, separators, invisible fillers. */
    public static boolean unsafe(int cp) {
        if (cp < 0x20 || cp >= 0x7F && cp <= 0x9F) {
            return true;
        }
        if (cp < 0xA0) {
            return false;
        }
        switch (Character.getType(cp)) {
            // A lone surrogate comes out of codePointAt as itself, of type SURROGATE.
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE:
                return true;
            default:
                // Letters that render as nothing: the Hangul fillers, a favourite of look-alike names.
                return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
        }
    }

    /** The escape of one code point, as {@link #text} writes it. */
    public static String escaped(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> cp <= 0xFF ? String.format("\\x%02X", cp)
                    : cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp);
        };
    }

    /** How many columns a code point takes once {@link #text} has rendered it (1 for what it leaves alone). */
    public static int width(int cp) {
        return unsafe(cp) ? escaped(cp).length() : 1;
    }
}
