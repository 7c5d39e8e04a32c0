package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.SeqSort;
import io.countersign.analysis.smt.Z3s;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list of distinct, non-blank strings (groups, permissions, an open list): one boolean per string
 * the policies mention, one for "something else as well", and one per string-valued path asked to be
 * a member ({@code requester.manager in groups}). That is all a condition can observe of the list.
 */
public final class ListVar {

    /** A path's value asked to be a member: the value, and whether it is one (when it is none of the mentioned strings). */
    record Symbolic(String key, Expr<SeqSort<CharSort>> value, BoolExpr member) {
    }

    private final Context ctx;
    private final String name;
    final Map<String, BoolExpr> members = new LinkedHashMap<>();
    final BoolExpr other;
    final List<Symbolic> symbolic = new ArrayList<>();
    private final RequestSpace space;

    ListVar(Context ctx, String name, Set<String> vocabulary, RequestSpace space) {
        this.ctx = ctx;
        this.name = name;
        this.space = space;
        for (String s : vocabulary) {
            if (!s.isBlank()) {
                members.put(s, ctx.mkBoolConst(name + "∋" + s));
            }
        }
        this.other = ctx.mkBoolConst(name + "∋other");
    }

    /** Whether the literal string is a member (a blank one never is: requests cannot hold it). */
    public BoolExpr has(String s) {
        BoolExpr b = members.get(s);
        return b == null ? ctx.mkFalse() : b;
    }

    /** Whether the list has any member. */
    public BoolExpr nonEmpty() {
        List<BoolExpr> any = new ArrayList<>(members.values());
        any.add(other);
        return Z3s.or(ctx, any);
    }

    /**
     * Whether the list holds something no policy names. A path's value that is such a member implies
     * it (a constraint), so that terms built before that path was asked about still see it.
     */
    public BoolExpr unnamed() {
        return other;
    }

    /** A path's value that is a member and none of the mentioned strings (those have their own variable). */
    BoolExpr extra(Symbolic s) {
        List<BoolExpr> all = new ArrayList<>();
        all.add(s.member());
        members.keySet().forEach(m -> all.add(ctx.mkNot(ctx.mkEq(s.value(), Characters.literal(ctx, m)))));
        return Z3s.and(ctx, all);
    }

    /** The mentioned strings and their variables. */
    public Map<String, BoolExpr> named() {
        return members;
    }

    /** Whether the string {@code value} (a path's, keyed by {@code key}) is a member. */
    public BoolExpr has(String key, Expr<SeqSort<CharSort>> value) {
        Symbolic sym = null;
        for (Symbolic s : symbolic) {
            if (s.key().equals(key)) {
                sym = s;
            }
        }
        if (sym == null) {
            BoolExpr m = ctx.mkBoolConst(name + "∋" + key);
            // A member is a non-blank name; two paths with the same value are both members or neither.
            space.constrain(ctx.mkImplies(m, space.nonBlank(value)));
            for (Symbolic s : symbolic) {
                space.constrain(ctx.mkImplies(ctx.mkEq(s.value(), value), ctx.mkEq(s.member(), m)));
            }
            sym = new Symbolic(key, value, m);
            symbolic.add(sym);
            space.constrain(ctx.mkImplies(extra(sym), other));
        }
        List<BoolExpr> cases = new ArrayList<>();
        List<BoolExpr> none = new ArrayList<>();
        for (Map.Entry<String, BoolExpr> e : members.entrySet()) {
            BoolExpr eq = ctx.mkEq(value, Characters.literal(ctx, e.getKey()));
            cases.add(ctx.mkAnd(eq, e.getValue()));
            none.add(ctx.mkNot(eq));
        }
        none.add(sym.member());
        cases.add(Z3s.and(ctx, none));
        return Z3s.or(ctx, cases);
    }
}
