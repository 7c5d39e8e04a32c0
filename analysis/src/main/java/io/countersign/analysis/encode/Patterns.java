package io.countersign.analysis.encode;

import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.ReSort;
import com.microsoft.z3.SeqSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Globs, and the regular subset of {@code java.util.regex}, as solver regular expressions over whole
 * strings. The regex subset: literals, {@code .}, classes ({@code [a-z]}, {@code [^...]}, {@code \d},
 * {@code \w}, {@code \s}), groups, alternation and the quantifiers {@code * + ? {n} {n,} {n,m}}
 * (greedy or lazy: for a whole-string match they denote the same language), and {@code ^}/{@code $}
 * at the ends. Anything else (flags, back references, look-around, possessive quantifiers, Unicode
 * properties, quoting) is outside: {@link #regex} says so and the caller reports the predicate.
 */
final class Patterns {

    private Patterns() {
    }

    static ReExpr<SeqSort<CharSort>> glob(Context ctx, String glob) {
        ReSort<SeqSort<CharSort>> sort = ctx.mkReSort(ctx.getStringSort());
        List<ReExpr<SeqSort<CharSort>>> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        glob.codePoints().forEach(cp -> {
            if (cp == '*' || cp == '?') {
                if (literal.length() > 0) {
                    parts.add(ctx.mkToRe(Characters.literal(ctx, literal.toString())));
                    literal.setLength(0);
                }
                parts.add(cp == '*' ? ctx.mkFullRe(sort) : ctx.mkAllcharRe(sort));
            } else {
                literal.appendCodePoint(cp);
            }
        });
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(ctx.mkToRe(Characters.literal(ctx, literal.toString())));
        }
        return concat(ctx, parts);
    }

    /** The regex as a solver regular expression, or empty when it uses what the subset lacks. */
    static Optional<ReExpr<SeqSort<CharSort>>> regex(Context ctx, String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            return Optional.empty();
        }
        RegexReader r = new RegexReader(ctx, regex);
        return r.read();
    }

    static ReExpr<SeqSort<CharSort>> concat(Context ctx, List<ReExpr<SeqSort<CharSort>>> parts) {
        if (parts.isEmpty()) {
            return ctx.mkToRe(ctx.mkString(""));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        ReExpr<SeqSort<CharSort>>[] array = parts.toArray(new ReExpr[0]);
        return ctx.mkConcat(array);
    }

    static ReExpr<SeqSort<CharSort>> union(Context ctx, List<ReExpr<SeqSort<CharSort>>> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (parts.isEmpty()) {
            return ctx.mkEmptyRe(ctx.mkReSort(ctx.getStringSort()));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        ReExpr<SeqSort<CharSort>>[] array = parts.toArray(new ReExpr[0]);
        return ctx.mkUnion(array);
    }
}
