package io.countersign.engine.eval;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Window;
import java.util.Map;
import java.util.Optional;

/**
 * A condition compiled node by node: a case for every kind of condition, so that a new kind fails to
 * compile here until it is compiled, instead of failing a cast at run time.
 *
 * @param windows the named windows of the condition's policy
 */
record Compiling(Map<String, Window> windows) implements Expr.Cases<CompiledCondition> {

    @Override
    public CompiledCondition and(Expr.And a) {
        return CompiledCondition.All.of(CompiledCondition.flatten(a.operands(),
                x -> x instanceof Expr.And n ? Optional.of(n.operands()) : Optional.empty(), windows));
    }

    @Override
    public CompiledCondition or(Expr.Or o) {
        return CompiledCondition.Any.of(CompiledCondition.flatten(o.operands(),
                x -> x instanceof Expr.Or n ? Optional.of(n.operands()) : Optional.empty(), windows));
    }

    @Override
    public CompiledCondition not(Expr.Not n) {
        return new CompiledCondition.Not(n.operand().accept(this));
    }

    @Override
    public CompiledCondition constant(Expr.Const c) {
        return new CompiledCondition.Constant(Tri.of(c.value()));
    }

    @Override
    public CompiledCondition has(Expr.Has h) {
        return new CompiledCondition.Has(h.path().text());
    }

    @Override
    public CompiledCondition inGroup(Expr.InGroup g) {
        return new CompiledCondition.Member(g.group().value(), !g.negated());
    }

    @Override
    public CompiledCondition during(Expr.During d) {
        Window w = d.window().resolve(windows);
        return new CompiledCondition.During(CompiledWindow.of(w));
    }

    @Override
    public CompiledCondition between(Expr.Between b) {
        long[] range = Interpreter.range(b);
        return new CompiledCondition.Between(range[0], range[1]);
    }

    @Override
    public CompiledCondition compare(Expr.Compare c) {
        return new CompiledCondition.Compare(c.op(), CompiledCondition.Value.of(c.left()),
                CompiledCondition.Value.of(c.right()));
    }

    @Override
    public CompiledCondition in(Expr.In i) {
        return new CompiledCondition.In(CompiledCondition.Value.of(i.left()), CompiledCondition.Value.of(i.right()),
                i.negated());
    }

    @Override
    public CompiledCondition matches(Expr.Matches m) {
        return new CompiledCondition.Matches(CompiledCondition.Value.of(m.left()), m.pattern().value(), m.regex(),
                m.negated());
    }

    @Override
    public CompiledCondition contains(Expr.Contains c) {
        return new CompiledCondition.Contains(CompiledCondition.Value.of(c.left()),
                CompiledCondition.Value.of(c.right()), c.quantifier());
    }
}
