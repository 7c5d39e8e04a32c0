package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.SeqSort;
import io.countersign.engine.request.RequestValidation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every valid request as solver variables: what a condition can observe of it, and nothing else.
 * {@link #constraints()} says what makes a request valid (RequestValidation); {@link ExampleDecoder}
 * turns a model back into an {@code AccessRequest}.
 */
public final class RequestSpace {

    private final Context ctx;
    private final Vocabulary vocabulary;
    private final List<BoolExpr> constraints = new ArrayList<>();
    final Expr<SeqSort<CharSort>> requester;
    final Expr<SeqSort<CharSort>> profile;
    final BoolExpr hasJustification;
    final Expr<SeqSort<CharSort>> justification;
    final BoolExpr hasTicket;
    final Expr<SeqSort<CharSort>> ticket;
    /** The requested duration in nanoseconds. */
    final IntExpr duration;
    final ListVar groups;
    final ListVar permissions;
    final InstantTerms instant;
    final Map<String, OpenVar> open = new LinkedHashMap<>();
    private final BigInteger numberScale;
    private final int numberDigits;
    private ReExpr<SeqSort<CharSort>> nonBlank;

    public RequestSpace(Context ctx, Vocabulary vocabulary) {
        this.ctx = ctx;
        this.vocabulary = vocabulary;
        // Three digits finer than any decimal the policies write: between two written numbers there is
        // room for 999 distinct values, more than any condition can tell apart.
        this.numberDigits = vocabulary.decimalScale + 3;
        this.numberScale = BigInteger.TEN.pow(numberDigits);
        requester = ctx.mkConst("requester", ctx.getStringSort());
        profile = ctx.mkConst("profile", ctx.getStringSort());
        hasJustification = ctx.mkBoolConst("justification?");
        justification = ctx.mkConst("justification", ctx.getStringSort());
        hasTicket = ctx.mkBoolConst("ticket?");
        ticket = ctx.mkConst("ticket", ctx.getStringSort());
        duration = ctx.mkIntConst("duration");
        groups = new ListVar(ctx, "groups", vocabulary.strings, this);
        permissions = new ListVar(ctx, "permissions", vocabulary.strings, this);
        instant = new InstantTerms(ctx);
        constrain(nonBlank(requester));
        constrain(nonBlank(profile));
        constrain(ctx.mkImplies(hasTicket, nonBlank(ticket)));
        constrain(ctx.mkGt(duration, ctx.mkInt(0)));
        constrain(ctx.mkLe(duration, ctx.mkInt(RequestValidation.MAX_DURATION.toNanos())));
        constrain(instant.range());
        for (String path : vocabulary.openPaths) {
            OpenVar v = new OpenVar(ctx, path, new ListVar(ctx, path, vocabulary.strings, this));
            constrain(ctx.mkGe(v.kind, ctx.mkInt(OpenVar.ABSENT)));
            constrain(ctx.mkLe(v.kind, ctx.mkInt(OpenVar.MAP)));
            if (path.equals("context")) {
                constrain(v.is(ctx, OpenVar.MAP)); // the context is a map, perhaps empty
            }
            int dot = path.lastIndexOf('.');
            OpenVar parent = dot < 0 ? null : open.get(path.substring(0, dot));
            if (parent != null && !parent.path.equals("requester")) {
                parent.children.add(v);
                // a field is present only inside a map
                constrain(ctx.mkImplies(ctx.mkNot(v.is(ctx, OpenVar.ABSENT)), parent.is(ctx, OpenVar.MAP)));
            }
            open.put(path, v);
        }
    }

    /**
     * What makes an example valid that the background leaves out: a justification must hold a letter
     * or digit. The background omits it (every "never" stays sound: it speaks of more requests than
     * are valid); an example the evaluator rejects as invalid is sought again under this, which asks
     * for an ASCII letter or digit.
     */
    public BoolExpr repair() {
        return ctx.mkImplies(hasJustification, ctx.mkInRe(justification, Characters.asciiLetterOrDigit(ctx)));
    }

    /**
     * What makes an example easy to read, asked for first and dropped when it cannot be had: strings
     * the policies mention or short lower-case words, whole minutes, an instant in 2026 on a whole
     * minute, whole numbers. It narrows examples only, never a "never".
     */
    public BoolExpr readable() {
        List<BoolExpr> all = new ArrayList<>();
        List<ReExpr<SeqSort<CharSort>>> words = new ArrayList<>();
        for (String v : vocabulary.strings) {
            words.add(ctx.mkToRe(Characters.literal(ctx, v)));
        }
        ReExpr<SeqSort<CharSort>> lower = ctx.mkRange(ctx.mkString("a"), ctx.mkString("z"));
        words.add(ctx.mkConcat(lower, ctx.mkLoop(ctx.mkUnion(lower, ctx.mkRange(ctx.mkString("0"), ctx.mkString("9")),
                ctx.mkToRe(ctx.mkString("-"))), 0, 9)));
        ReExpr<SeqSort<CharSort>> word = Patterns.union(ctx, words);
        List<Expr<SeqSort<CharSort>>> strings = new ArrayList<>(List.of(requester, profile, justification, ticket));
        open.values().forEach(v -> strings.add(v.string));
        for (Expr<SeqSort<CharSort>> x : strings) {
            all.add(ctx.mkInRe(x, word));
        }
        all.add(ctx.mkEq(duration, ctx.mkMul(ctx.mkInt(60_000_000_000L), ctx.mkIntConst("readable#minutes"))));
        all.add(instant.readable());
        for (OpenVar v : open.values()) {
            all.add(ctx.mkEq(v.number, ctx.mkMul(ctx.mkInt(numberScale.toString()), ctx.mkIntConst(v.path + "#whole"))));
            all.add(ctx.mkNot(v.otherKeys));
        }
        return ctx.mkAnd(all.toArray(new BoolExpr[0]));
    }

    void constrain(BoolExpr b) {
        constraints.add(b);
    }

    /** What every valid request satisfies; assert these before asking anything. */
    public List<BoolExpr> constraints() {
        return constraints;
    }

    /** A string that is not blank (Java's {@code isBlank}: not only whitespace). */
    BoolExpr nonBlank(Expr<SeqSort<CharSort>> s) {
        if (nonBlank == null) {
            nonBlank = Characters.notBlank(ctx);
        }
        return ctx.mkInRe(s, nonBlank);
    }

    public Context ctx() {
        return ctx;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public InstantTerms instant() {
        return instant;
    }

    /** Numbers are integers times 10^-digits. */
    public BigInteger numberScale() {
        return numberScale;
    }

    public int numberDigits() {
        return numberDigits;
    }

    /** The open attribute at {@code path} (collected by the vocabulary). */
    public OpenVar open(String path) {
        OpenVar v = open.get(path);
        if (v == null) {
            throw new IllegalStateException("path not in the vocabulary: " + path);
        }
        return v;
    }
}
