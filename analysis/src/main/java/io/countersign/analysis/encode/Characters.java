package io.countersign.analysis.encode;

import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.ReSort;
import com.microsoft.z3.SeqSort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Character classes of request validation as solver regular expressions: "not blank" (a character
 * that is not whitespace, as {@code String.isBlank}), computed from the JDK's own table over the code
 * points the solver's strings hold (up to U+2FFFF); and an ASCII letter or digit, which is how the
 * analysis strengthens "a justification says something" when an example needs repair (the exact
 * class, {@code Character.isLetterOrDigit}, is some 700 ranges: Z3 stalled on it for minutes).
 */
final class Characters {

    /** The largest code point of Z3's default string alphabet. */
    static final int MAX = 0x2FFFF;

    private Characters() {
    }

    static ReExpr<SeqSort<CharSort>> notBlank(Context ctx) {
        return containing(ctx, cp -> !Character.isWhitespace(cp));
    }

    static ReExpr<SeqSort<CharSort>> asciiLetterOrDigit(Context ctx) {
        return containing(ctx, cp -> cp < 0x80 && Character.isLetterOrDigit(cp));
    }

    /** Strings holding at least one character of the class. */
    private static ReExpr<SeqSort<CharSort>> containing(Context ctx, IntPredicate in) {
        ReSort<SeqSort<CharSort>> sort = ctx.mkReSort(ctx.getStringSort());
        List<ReExpr<SeqSort<CharSort>>> ranges = new ArrayList<>();
        int start = -1;
        for (int cp = 0; cp <= MAX + 1; cp++) {
            boolean member = cp <= MAX && !Character.isSurrogate((char) Math.min(cp, 0xFFFF)) && in.test(cp);
            if (cp > 0xFFFF) {
                member = cp <= MAX && in.test(cp);
            }
            if (member && start < 0) {
                start = cp;
            } else if (!member && start >= 0) {
                ranges.add(ctx.mkRange(ctx.mkString(text(start)), ctx.mkString(text(cp - 1))));
                start = -1;
            }
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        ReExpr<SeqSort<CharSort>>[] array = ranges.toArray(new ReExpr[0]);
        ReExpr<SeqSort<CharSort>> any = ctx.mkFullRe(sort);
        return ctx.mkConcat(any, ctx.mkUnion(array), any);
    }

    /**
     * A string as a solver literal. Z3 reads escapes in string constants (backslash, u, {41}), so every
     * character outside printable ASCII, and the backslash, is written as one: a policy's
     * {@code "back\\slash"} stays a backslash.
     */
    static com.microsoft.z3.SeqExpr<CharSort> literal(Context ctx, String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(text(cp)));
        return ctx.mkString(b.toString());
    }

    /** A code point as Z3 reads a string literal: printable ASCII as itself, anything else escaped. */
    static String text(int cp) {
        if (cp >= 0x20 && cp < 0x7f && cp != '\\') {
            return String.valueOf((char) cp);
        }
        return "\\u{" + Integer.toHexString(cp) + "}";
    }
}
