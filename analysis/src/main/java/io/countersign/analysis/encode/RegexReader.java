package io.countersign.analysis.encode;

import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.ReSort;
import com.microsoft.z3.SeqSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A recursive-descent reader of the regex subset {@link Patterns} documents; fails on anything else. */
final class RegexReader {

    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super(null, null, false, false);
        }
    }

    private final Context ctx;
    private final ReSort<SeqSort<CharSort>> sort;
    private final int[] cps;
    private int pos;

    RegexReader(Context ctx, String regex) {
        this.ctx = ctx;
        this.sort = ctx.mkReSort(ctx.getStringSort());
        this.cps = regex.codePoints().toArray();
    }

    Optional<ReExpr<SeqSort<CharSort>>> read() {
        try {
            int end = cps.length;
            if (end > 0 && cps[0] == '^') {
                pos = 1;
            }
            if (end > pos && cps[end - 1] == '$' && (end < 2 || cps[end - 2] != '\\')) {
                end--;
            }
            int[] body = java.util.Arrays.copyOfRange(cps, 0, end);
            RegexReader inner = new RegexReader(ctx, new String(body, 0, body.length));
            inner.pos = pos;
            ReExpr<SeqSort<CharSort>> re = inner.alternation();
            if (inner.pos != body.length) {
                return Optional.empty();
            }
            return Optional.of(re);
        } catch (Outside e) {
            return Optional.empty();
        }
    }

    private boolean more() {
        return pos < cps.length;
    }

    private ReExpr<SeqSort<CharSort>> alternation() {
        List<ReExpr<SeqSort<CharSort>>> options = new ArrayList<>();
        options.add(sequence());
        while (more() && cps[pos] == '|') {
            pos++;
            options.add(sequence());
        }
        return Patterns.union(ctx, options);
    }

    private ReExpr<SeqSort<CharSort>> sequence() {
        List<ReExpr<SeqSort<CharSort>>> parts = new ArrayList<>();
        while (more() && cps[pos] != '|' && cps[pos] != ')') {
            parts.add(quantified(atom()));
        }
        return Patterns.concat(ctx, parts);
    }

    private ReExpr<SeqSort<CharSort>> quantified(ReExpr<SeqSort<CharSort>> atom) {
        ReExpr<SeqSort<CharSort>> re = atom;
        while (more()) {
            int c = cps[pos];
            if (c == '*') {
                pos++;
                re = ctx.mkStar(re);
            } else if (c == '+') {
                pos++;
                re = ctx.mkPlus(re);
            } else if (c == '?') {
                pos++;
                re = ctx.mkOption(re);
            } else if (c == '{') {
                pos++;
                int lo = number();
                int hi = lo;
                if (more() && cps[pos] == ',') {
                    pos++;
                    hi = more() && cps[pos] == '}' ? -1 : number();
                }
                expect('}');
                if (lo > 1000 || hi > 1000) {
                    throw new Outside();
                }
                re = hi < 0 ? ctx.mkConcat(ctx.mkLoop(re, lo, lo), ctx.mkStar(re)) : ctx.mkLoop(re, lo, hi);
            } else {
                break;
            }
            if (more() && cps[pos] == '?') {
                pos++; // lazy: the same language for a whole-string match
            } else if (more() && cps[pos] == '+') {
                throw new Outside(); // possessive quantifiers can change the language
            }
        }
        return re;
    }

    private int number() {
        int start = pos;
        int n = 0;
        while (more() && cps[pos] >= '0' && cps[pos] <= '9') {
            n = n * 10 + (cps[pos++] - '0');
            if (n > 100_000) {
                throw new Outside();
            }
        }
        if (pos == start) {
            throw new Outside();
        }
        return n;
    }

    private void expect(int c) {
        if (!more() || cps[pos] != c) {
            throw new Outside();
        }
        pos++;
    }

    private ReExpr<SeqSort<CharSort>> atom() {
        int c = cps[pos++];
        switch (c) {
            case '(' -> {
                if (more() && cps[pos] == '?') {
                    if (pos + 1 < cps.length && cps[pos + 1] == ':') {
                        pos += 2;
                    } else {
                        throw new Outside(); // flags, look-around, named groups
                    }
                }
                ReExpr<SeqSort<CharSort>> inner = alternation();
                expect(')');
                return inner;
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                return ctx.mkIntersect(ctx.mkAllcharRe(sort), ctx.mkComplement(lineTerminators()));
            }
            case '\\' -> {
                return escape(false).orElseThrow(Outside::new);
            }
            case '^', '$', '*', '+', '?', '{', ')', '|' -> throw new Outside();
            default -> {
                return ch(c);
            }
        }
    }

    private ReExpr<SeqSort<CharSort>> lineTerminators() {
        return Patterns.union(ctx, List.of(ch('\n'), ch('\r'), ch(0x85), ch(0x2028), ch(0x2029)));
    }

    private ReExpr<SeqSort<CharSort>> ch(int cp) {
        return ctx.mkToRe(ctx.mkString(Characters.text(cp)));
    }

    private ReExpr<SeqSort<CharSort>> range(int lo, int hi) {
        return ctx.mkRange(ctx.mkString(Characters.text(lo)), ctx.mkString(Characters.text(hi)));
    }

    /** After a backslash: a class shorthand or an escaped punctuation character. */
    private Optional<ReExpr<SeqSort<CharSort>>> escape(boolean inClass) {
        if (!more()) {
            throw new Outside();
        }
        int c = cps[pos++];
        return switch (c) {
            case 'd' -> Optional.of(range('0', '9'));
            case 'w' -> Optional.of(Patterns.union(ctx, List.of(range('a', 'z'), range('A', 'Z'), range('0', '9'), ch('_'))));
            case 's' -> Optional.of(Patterns.union(ctx, List.of(ch(' '), ch('\t'), ch('\n'), ch(0x0B), ch('\f'), ch('\r'))));
            case 't' -> Optional.of(ch('\t'));
            case 'n' -> Optional.of(ch('\n'));
            case 'r' -> Optional.of(ch('\r'));
            case 'f' -> Optional.of(ch('\f'));
            default -> {
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    yield Optional.of(ch(c));
                }
                throw new Outside(); // \D \W \S \b \p{..} \Q \1, unicode escapes and the rest
            }
        };
    }

    private ReExpr<SeqSort<CharSort>> charClass() {
        boolean negated = more() && cps[pos] == '^';
        if (negated) {
            pos++;
        }
        List<ReExpr<SeqSort<CharSort>>> members = new ArrayList<>();
        boolean first = true;
        while (more() && (cps[pos] != ']' || first)) {
            first = false;
            int c = cps[pos++];
            if (c == '[' || c == '&') {
                throw new Outside(); // nested classes and intersections
            }
            if (c == '\\') {
                int before = pos;
                ReExpr<SeqSort<CharSort>> e = escape(true).orElseThrow(Outside::new);
                int escaped = cps[before];
                if ("dws".indexOf(escaped) >= 0 || !(more() && cps[pos] == '-')) {
                    members.add(e);
                    continue;
                }
                c = escaped == 't' ? '\t' : escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped == 'f' ? '\f' : escaped;
            }
            if (more() && cps[pos] == '-' && pos + 1 < cps.length && cps[pos + 1] != ']') {
                pos++;
                int hi = cps[pos++];
                if (hi == '\\' || hi == '[') {
                    throw new Outside();
                }
                if (hi < c) {
                    throw new Outside();
                }
                members.add(range(c, hi));
            } else {
                members.add(ch(c));
            }
        }
        expect(']');
        ReExpr<SeqSort<CharSort>> set = Patterns.union(ctx, members);
        return negated ? ctx.mkIntersect(ctx.mkAllcharRe(sort), ctx.mkComplement(set)) : set;
    }
}
