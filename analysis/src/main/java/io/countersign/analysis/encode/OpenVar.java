package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.SeqSort;
import java.util.ArrayList;
import java.util.List;

/**
 * An open attribute ({@code requester.NAME}, {@code context.NAME...}): absent, or a string, number,
 * boolean, list of strings or map, with a variable for the value of each kind. Numbers are integers
 * scaled by {@link RequestSpace#numberScale()}.
 */
public final class OpenVar {

    public static final int ABSENT = 0;
    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int BOOLEAN = 3;
    public static final int LIST = 4;
    public static final int MAP = 5;

    final String path;
    final IntExpr kind;
    final Expr<SeqSort<CharSort>> string;
    final IntExpr number;
    final BoolExpr bool;
    final ListVar list;
    /** A map with keys no policy names (so that {@code has} sees it non-empty). */
    final BoolExpr otherKeys;
    final List<OpenVar> children = new ArrayList<>();

    OpenVar(Context ctx, String path, ListVar list) {
        this.path = path;
        this.kind = ctx.mkIntConst(path + "#kind");
        this.string = ctx.mkConst(path + "#str", ctx.getStringSort());
        this.number = ctx.mkIntConst(path + "#num");
        this.bool = ctx.mkBoolConst(path + "#bool");
        this.list = list;
        this.otherKeys = ctx.mkBoolConst(path + "#keys");
    }

    public BoolExpr is(Context ctx, int k) {
        return ctx.mkEq(kind, ctx.mkInt(k));
    }

    public String path() {
        return path;
    }
}
