package io.countersign.analysis.lint;

import io.countersign.analysis.encode.RequestSpace;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Window;
import io.countersign.lang.format.Formatter;
import java.util.HashSet;
import java.util.Set;

/** Windows and date ranges: declared and unused, or never holding in the horizon (2000–2100). */
final class TimeChecks {

    private final Linter lint;
    private final PolicySet set;
    private final RequestSpace space;

    TimeChecks(Linter lint, PolicySet set, RequestSpace space, SetEncoding unused) {
        this.lint = lint;
        this.set = set;
        this.space = space;
    }

    void run() {
        for (PolicySet.PolicyEntry p : set.policies()) {
            Set<String> used = new HashSet<>();
            for (Expr e : Walk.predicates(p.policy())) {
                if (e instanceof Expr.During d) {
                    d.window().fold(n -> used.add(n.name().text()), i -> {
                        window(i.window(), d, "window " + Formatter.expr(d));
                        return true;
                    });
                } else if (e instanceof Expr.Between b) {
                    long[] range = Interpreter.range(b);
                    if (lint.never(space.instant().between(range[0], range[1]), b.loc())) {
                        lint.add(LintCode.WINDOW_NEVER_HOLDS, b.loc(), "'" + Formatter.expr(b)
                                + "' never holds between 2000 and 2100: the condition is always false there", null,
                                true);
                    }
                }
            }
            for (Item item : p.policy().items()) {
                if (item instanceof Item.WindowDecl w) {
                    if (!used.contains(w.name().text())) {
                        lint.add(LintCode.UNUSED_WINDOW, w.loc(), "window " + w.name().text() + " of policy " + p.name()
                                + " is never used", null, true);
                    }
                    window(w.window(), null, "window " + w.name().text());
                }
            }
        }
    }

    private void window(Window w, Expr at, String what) {
        CompiledWindow cw = CompiledWindow.of(w);
        if (lint.never(space.instant().during(cw.zone(), cw.days(), cw.start(), cw.end()), w.loc())) {
            lint.add(LintCode.WINDOW_NEVER_HOLDS, at == null ? w.loc() : at.loc(), what
                    + " never holds: no instant falls in it", null, true);
        }
    }
}
