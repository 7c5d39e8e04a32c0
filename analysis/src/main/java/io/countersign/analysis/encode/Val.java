package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntSort;
import com.microsoft.z3.SeqSort;
import io.countersign.lang.ast.Literal;

/**
 * One case of an operand's run-time value: its kind, when it is that kind, and the value as a term.
 * An open attribute splits into one case per kind; a typed attribute into present and absent.
 */
sealed interface Val {

    BoolExpr guard();

    record Absent(BoolExpr guard) implements Val {
    }

    /** A string; {@code key} names the path (null for a literal, whose text is {@code literal}). */
    record Str(BoolExpr guard, Expr<SeqSort<CharSort>> value, String key, String literal) implements Val {
    }

    /** A number, times {@link RequestSpace#numberScale()}. */
    record Num(BoolExpr guard, ArithExpr<IntSort> scaled) implements Val {
    }

    record Bool(BoolExpr guard, BoolExpr value) implements Val {
    }

    /** A duration in nanoseconds. */
    record Dur(BoolExpr guard, ArithExpr<IntSort> nanos) implements Val {
    }

    /** A list of strings held by the request. */
    record Lst(BoolExpr guard, ListVar list) implements Val {
    }

    /** A list written in the policy. */
    record LitList(BoolExpr guard, Literal.ListOf list) implements Val {
    }

    record MapVal(BoolExpr guard) implements Val {
    }
}
