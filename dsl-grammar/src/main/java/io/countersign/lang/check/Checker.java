package io.countersign.lang.check;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parsed policy set against the rules of the language. Every finding is collected; none
 * stops the others, so one run shows an author everything to fix.
 */
public final class Checker {

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Condition name → where it was first set, for the "different values" warning across the set. */
    private final Map<String, ConditionSite> conditions = new HashMap<>();

    private record ConditionSite(Object value, String ruleId, Loc loc) {
    }

    /** What a condition may read: {@code risk} is the sum of the factors, so neither a factor nor a scope may. */
    private enum Context {
        SCOPE("a scope cannot read risk: risk is summed over the policies whose scope holds"),
        RISK_FACTOR("a risk factor cannot read risk: risk is the sum of the risk factors"),
        RULE(null);

        final String riskForbidden;

        Context(String riskForbidden) {
            this.riskForbidden = riskForbidden;
        }
    }

    private Checker() {
    }

    /** All errors and warnings of the set, in file and position order. */
    public static List<Diagnostic> check(List<PolicyFile> files) {
        Checker c = new Checker();
        c.checkSet(files);
        List<Diagnostic> out = new ArrayList<>(c.diagnostics);
        out.sort(Diagnostic.ORDER);
        return out;
    }

    private void checkSet(List<PolicyFile> files) {
        Map<String, Loc> policies = new HashMap<>();
        for (PolicyFile f : files) {
            for (Policy p : f.policies()) {
                name(p.name(), "policy");
                Loc first = policies.putIfAbsent(p.name().text(), p.name().loc());
                if (first != null) {
                    error(Code.DUPLICATE, p.name().loc(), "duplicate policy '" + p.name().text() + "': already declared at "
                            + first.position());
                }
                policy(p);
            }
        }
    }

    private void policy(Policy p) {
        Map<String, Window> windows = new HashMap<>();
        Map<String, Loc> rules = new HashMap<>();
        Map<String, Loc> windowNames = new HashMap<>();
        Map<String, Loc> risks = new HashMap<>();
        Map<String, Loc> singles = new HashMap<>();
        // Declarations may be used before they appear: collect windows first.
        for (Item item : p.items()) {
            if (item instanceof Item.WindowDecl w) {
                windows.putIfAbsent(w.name().text(), w.window());
            }
        }
        String policy = p.name().text();
        for (Item item : p.items()) {
            if (item instanceof Item.Description d) {
                once(singles, "description", d.loc());
            } else if (item instanceof Item.Scope s) {
                once(singles, "scope", s.loc());
                expr(s.expr(), windows, Context.SCOPE);
            } else if (item instanceof Item.Default d) {
                once(singles, "default", d.loc());
                outcome(d.outcome(), windows, policy + "/default");
            } else if (item instanceof Item.AllowUnsigned u) {
                once(singles, "'allow unsigned decisions'", u.loc());
            } else if (item instanceof Item.AllowStartWithin s) {
                once(singles, "'allow start within'", s.loc());
                positive(s.within(), "allow start within");
            } else if (item instanceof Item.WindowDecl w) {
                name(w.name(), "window");
                unique(windowNames, w.name(), "window", policy);
                window(w.window());
            } else if (item instanceof Item.RiskFactor r) {
                name(r.name(), "risk factor");
                unique(risks, r.name(), "risk factor", policy);
                if (Math.abs((long) r.weight()) > 100) {
                    error(Code.RISK_WEIGHT_RANGE, r.name().loc(), "risk weight " + r.weight() + " is out of range: weights run from -100 to +100");
                }
                expr(r.when(), windows, Context.RISK_FACTOR);
            } else if (item instanceof Item.Rule r) {
                name(r.name(), "rule");
                unique(rules, r.name(), "rule", policy);
                Controls.check(r, policy + "/" + r.name().text(), diagnostics);
                r.when().ifPresent(w -> expr(w, windows, Context.RULE));
                outcome(r.outcome(), windows, policy + "/" + r.name().text());
            }
        }
    }

    private void once(Map<String, Loc> singles, String what, Loc loc) {
        Loc first = singles.putIfAbsent(what, loc);
        if (first != null) {
            error(Code.DUPLICATE, loc, "a policy has at most one " + what + "; the first is at " + first.position());
        }
    }

    private void unique(Map<String, Loc> seen, Name name, String what, String policy) {
        Loc first = seen.putIfAbsent(name.text(), name.loc());
        if (first != null) {
            error(Code.DUPLICATE, name.loc(), "duplicate " + what + " '" + name.text() + "' in policy " + policy
                    + ": already declared at " + first.position());
        }
    }

    private void name(Name name, String what) {
        String problem = Names.problem(name.text(), what);
        if (problem != null) {
            error(Code.BAD_NAME, name.loc(), problem);
        }
    }

    // ---- outcomes

    private static final Set<Class<? extends Clause>> GRANTS = Set.of(Clause.CapDuration.class,
            Clause.GrantOnly.class, Clause.Review.class, Clause.Condition.class, Clause.Stipulate.class,
            Clause.FollowUp.class, Clause.Renewable.class);
    private static final Set<Class<? extends Clause>> WORKFLOW = Set.of(Clause.Escalate.class, Clause.Expire.class,
            Clause.AllowSelfApproval.class, Clause.NoDelegation.class);
    private static final Set<Class<? extends Clause>> AT_MOST_ONCE = Set.of(Clause.Appeal.class, Clause.Expire.class,
            Clause.AllowSelfApproval.class, Clause.NoDelegation.class, Clause.CapDuration.class,
            Clause.GrantOnly.class, Clause.Review.class, Clause.Renewable.class);

    private void outcome(Outcome outcome, Map<String, Window> windows, String ruleId) {
        if (outcome instanceof Outcome.Deny d && d.reason().value().isBlank()) {
            error(Code.EMPTY_TEXT, d.reason().loc(), "a denial needs a reason: the requester reads it");
        } else if (outcome instanceof Outcome.RequireApproval r) {
            int n = 0;
            for (Stage s : r.stages()) {
                stage(s, windows, ++n);
            }
        }
        Map<Class<?>, Loc> seen = new HashMap<>();
        Map<String, Loc> conditionNames = new HashMap<>();
        for (Clause c : outcome.clauses()) {
            String allowed = allowed(outcome, c);
            if (allowed != null) {
                error(Code.CLAUSE_NOT_ALLOWED, c.loc(), allowed);
                continue;
            }
            if (AT_MOST_ONCE.contains(c.getClass())) {
                Loc first = seen.putIfAbsent(c.getClass(), c.loc());
                if (first != null) {
                    error(Code.DUPLICATE, c.loc(), "'" + clauseName(c) + "' is repeated; an outcome has at most one (the first is at "
                            + first.position() + ")");
                }
            }
            clause(c, ruleId, conditionNames);
        }
    }

    /** Why {@code c} does not belong to {@code outcome}, or null when it does. */
    private static String allowed(Outcome outcome, Clause c) {
        boolean grant = GRANTS.contains(c.getClass());
        boolean workflow = WORKFLOW.contains(c.getClass());
        if (outcome instanceof Outcome.Approve) {
            return grant ? null
                    : "'" + clauseName(c) + "' does not apply to 'approve'"
                            + (workflow ? ": it belongs to 'require approval'" : ": it belongs to 'deny'");
        } else if (outcome instanceof Outcome.Deny) {
            return c instanceof Clause.Appeal ? null
                    : "'" + clauseName(c) + "' does not apply to 'deny': a denial carries only 'appeal to'";
        }
        return grant || workflow ? null
                : "'" + clauseName(c) + "' does not apply to 'require approval': it belongs to 'deny'";
    }

    private static final Map<Class<?>, String> CLAUSE_NAMES = Map.ofEntries(
            Map.entry(Clause.Appeal.class, "appeal to"),
            Map.entry(Clause.Escalate.class, "escalate after"),
            Map.entry(Clause.Expire.class, "expire after"),
            Map.entry(Clause.AllowSelfApproval.class, "allow self-approval"),
            Map.entry(Clause.NoDelegation.class, "no delegation"),
            Map.entry(Clause.CapDuration.class, "cap duration"),
            Map.entry(Clause.GrantOnly.class, "grant only"),
            Map.entry(Clause.Review.class, "review after"),
            Map.entry(Clause.Condition.class, "condition"),
            Map.entry(Clause.Stipulate.class, "stipulate"),
            Map.entry(Clause.FollowUp.class, "follow up"),
            Map.entry(Clause.Renewable.class, "renewable"));

    /** The clause's keywords, as messages quote them. */
    public static String clauseName(Clause c) {
        return CLAUSE_NAMES.get(c.getClass());
    }

    private void clause(Clause c, String ruleId, Map<String, Loc> conditionNames) {
        if (c instanceof Clause.Appeal a) {
            approvers(a.to());
        } else if (c instanceof Clause.Escalate e) {
            positive(e.after(), "escalate after");
            approvers(e.to());
        } else if (c instanceof Clause.Expire e) {
            positive(e.after(), "expire after");
        } else if (c instanceof Clause.CapDuration cd) {
            positive(cd.cap(), "cap duration");
        } else if (c instanceof Clause.Review r) {
            positive(r.after(), "review after");
        } else if (c instanceof Clause.FollowUp f) {
            positive(f.within(), "follow up");
            if (f.action().value().isBlank()) {
                error(Code.EMPTY_TEXT, f.action().loc(), "a follow-up needs an action");
            }
        } else if (c instanceof Clause.Stipulate s) {
            if (s.text().value().isBlank()) {
                error(Code.EMPTY_TEXT, s.text().loc(), "a stipulation needs text");
            }
        } else if (c instanceof Clause.GrantOnly g) {
                Type t = literalType(g.permissions());
                if (g.permissions().elements().isEmpty()) {
                    error(Code.GRANT_ONLY, g.permissions().loc(), "'grant only []' grants nothing; use deny instead");
                } else if (t.element() != null && t.element().base() != Type.Base.STRING) {
                    error(Code.GRANT_ONLY, g.permissions().loc(), "'grant only' lists permissions as strings, not "
                            + t.element().describe().replaceFirst("^an? ", "") + "s");
                }
        } else if (c instanceof Clause.Condition cn) {
                name(cn.name(), "condition");
                Loc first = conditionNames.putIfAbsent(cn.name().text(), cn.name().loc());
                if (first != null) {
                    error(Code.DUPLICATE, cn.name().loc(), "condition '" + cn.name().text() + "' is set twice in one outcome (first at "
                            + first.position() + ")");
                    return;
                }
                literalType(cn.value());
                Object value = LiteralValues.of(cn.value());
                ConditionSite site = conditions.putIfAbsent(cn.name().text(),
                        new ConditionSite(value, ruleId, cn.loc()));
                if (site != null && !site.value().equals(value)) {
                    warning(Code.CONDITION_CONFLICT, cn.value().loc(), "condition '" + cn.name().text() + "' is set to a different value by "
                            + site.ruleId() + " (" + site.loc().position()
                            + "); when both rules decide a request, the first rule's value is kept");
                }
        }
    }

    private void positive(Literal.Dur d, String what) {
        if (d.value().isZero()) {
            error(Code.BAD_DURATION, d.loc(), "'" + what + "' needs a duration longer than zero");
        }
    }

    private void stage(Stage s, Map<String, Window> windows, int number) {
        approvers(s.approvers());
        s.when().ifPresent(w -> expr(w, windows, Context.RULE));
        Set<String> users = new HashSet<>();
        boolean group = false;
        for (Approver a : s.approvers()) {
            if (a instanceof Approver.User u) {
                users.add("user:" + u.id().value());
            } else if (a instanceof Approver.FromPath p) {
                users.add("path:" + p.path().text());
            } else if (a instanceof Approver.Group g) {
                group = true;
                if (s.quorum() instanceof Quorum.All) {
                    error(Code.QUORUM, g.loc(), "'all of' needs named users: the members of group \"" + g.name().value()
                            + "\" are not known when the policy is compiled");
                }
            }
        }
        if (s.quorum() instanceof Quorum.Count c) {
            if (c.count() < 1) {
                error(Code.QUORUM, c.loc(), "a stage needs a quorum of at least 1");
            } else if (!group && c.count() > users.size()) {
                error(Code.QUORUM, c.loc(), "stage " + number + " needs " + c.count() + " approvers but names only " + users.size()
                        + (users.size() == 1 ? " user" : " users"));
            }
        }
    }

    private void approvers(List<Approver> approvers) {
        for (Approver a : approvers) {
            if (a instanceof Approver.User u && u.id().value().isBlank()) {
                error(Code.BAD_NAME, u.id().loc(), "a user id cannot be empty");
            } else if (a instanceof Approver.Group g && g.name().value().isBlank()) {
                error(Code.BAD_NAME, g.name().loc(), "a group name cannot be empty");
            } else if (a instanceof Approver.FromPath p) {
                Type t = path(p.path(), Context.RULE);
                if (t != null && !t.isAny() && t.base() != Type.Base.STRING) {
                    error(Code.APPROVER_PATH, p.path().loc(), "an approver path must name a user id (a string); " + p.path().text()
                            + " is " + t.describe());
                }
            }
        }
    }

    // ---- windows

    private void window(Window w) {
        w.zone().ifPresent(this::zone);
    }

    private void zone(Literal.Str zone) {
        try {
            ZoneId.of(zone.value());
        } catch (DateTimeException e) {
            error(Code.UNKNOWN_ZONE, zone.loc(), "unknown time zone \"" + zone.value() + "\": use a zone id like \"Europe/Berlin\" or \"UTC\"");
        }
    }

    // ---- expressions

    private void expr(Expr e, Map<String, Window> windows, Context context) {
        e.accept(new ExprChecks(windows, context));
    }

    /** The checks of each kind of condition: a new kind fails to compile here until it is checked. */
    private final class ExprChecks implements Expr.Leaves {
        private final Map<String, Window> windows;
        private final Context context;

        ExprChecks(Map<String, Window> windows, Context context) {
            this.windows = windows;
            this.context = context;
        }

        @Override
        public Void has(Expr.Has h) {
            path(h.path(), context);
            return null;
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            if (g.group().value().isBlank()) {
                error(Code.BAD_NAME, g.group().loc(), "a group name cannot be empty");
            }
            return null;
        }

        @Override
        public Void during(Expr.During d) {
            return d.window().fold(n -> {
                if (!windows.containsKey(n.name().text())) {
                    error(Code.UNDEFINED_WINDOW, n.loc(), "undefined window '" + n.name().text() + "'"
                            + (windows.isEmpty() ? ": this policy declares no windows"
                                    : "; this policy declares " + String.join(", ",
                                            windows.keySet().stream().sorted().toList())));
                }
                return null;
            }, i -> {
                window(i.window());
                return null;
            });
        }

        @Override
        public Void between(Expr.Between b) {
            b.zone().ifPresent(Checker.this::zone);
            if (b.from().value() != null && b.to().value() != null && b.from().value().isAfter(b.to().value())) {
                error(Code.BAD_DATE, b.to().loc(), "reversed dates: " + b.to().value() + " is before " + b.from().value());
            }
            return null;
        }

        @Override
        public Void compare(Expr.Compare c) {
            Checker.this.compare(c, context);
            return null;
        }

        @Override
        public Void in(Expr.In i) {
            Checker.this.in(i, context);
            return null;
        }

        @Override
        public Void matches(Expr.Matches m) {
            Checker.this.matches(m, context);
            return null;
        }

        @Override
        public Void contains(Expr.Contains c) {
            Checker.this.contains(c, context);
            return null;
        }
    }

    private void compare(Expr.Compare c, Context context) {
        Type l = operand(c.left(), context);
        Type r = operand(c.right(), context);
        if (l == null || r == null) {
            return;
        }
        if (c.op().ordering()) {
            for (Operand side : List.of(c.left(), c.right())) {
                Type t = side == c.left() ? l : r;
                if (!t.isAny() && t.base() != Type.Base.NUMBER && t.base() != Type.Base.DURATION) {
                    error(Code.TYPE_MISMATCH, side.loc(), "'" + c.op().symbol() + "' compares numbers or durations, not "
                            + t.describe().replaceFirst("^an? ", "") + "s");
                    return;
                }
            }
        }
        if (!l.compatible(r)) {
            Operand wrong = c.right() instanceof Literal || !(c.left() instanceof Literal) ? c.right() : c.left();
            error(Code.TYPE_MISMATCH, wrong.loc(), "cannot compare " + l.describe() + " with " + r.describe());
        }
    }

    private void in(Expr.In i, Context context) {
        Type l = operand(i.left(), context);
        Type r = operand(i.right(), context);
        if (l == null || r == null) {
            return;
        }
        if (l.isList()) {
            error(Code.TYPE_MISMATCH, i.left().loc(), "'in' tests one value and this is " + l.describe()
                    + "; to test a list use 'contains any' or 'contains all'");
            return;
        }
        if (!r.isAny() && !r.isList()) {
            error(Code.TYPE_MISMATCH, i.right().loc(), "'in' needs a list on its right, not " + r.describe());
            return;
        }
        if (r.isList() && !l.compatible(r.element())) {
            error(Code.TYPE_MISMATCH, i.left().loc(), "cannot look for " + l.describe() + " in " + r.describe());
        }
    }

    private void matches(Expr.Matches m, Context context) {
        Type l = operand(m.left(), context);
        if (l != null && !l.isAny() && l.base() != Type.Base.STRING) {
            error(Code.TYPE_MISMATCH, m.left().loc(), "'matches' tests strings, not " + l.describe().replaceFirst("^an? ", "") + "s");
        }
        if (m.regex()) {
            try {
                Pattern.compile(m.pattern().value());
            } catch (PatternSyntaxException e) {
                error(Code.INVALID_REGEX, m.pattern().loc(), "invalid regex: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
    }

    private void contains(Expr.Contains c, Context context) {
        Type l = operand(c.left(), context);
        Type r = operand(c.right(), context);
        if (l == null || r == null) {
            return;
        }
        boolean quantified = c.quantifier() != Expr.Quantifier.ONE;
        String op = quantified ? "'contains " + c.quantifier().keyword() + "'" : "'contains'";
        if (!l.isAny() && !l.isList() && l.base() != Type.Base.STRING) {
            error(Code.TYPE_MISMATCH, c.left().loc(), op + " works on strings and lists, not " + l.describe().replaceFirst("^an? ", "") + "s");
            return;
        }
        if (quantified) {
            if (!r.isAny() && !r.isList()) {
                error(Code.TYPE_MISMATCH, c.right().loc(), op + " needs a list on its right, not " + r.describe());
                return;
            }
            Type element = l.isList() ? l.element() : l.isAny() ? Type.ANY : Type.STRING;
            if (r.isList() && !element.compatible(r.element())) {
                error(Code.TYPE_MISMATCH, c.right().loc(), "cannot look for " + r.describe() + " in " + l.describe());
            }
        } else {
            Type element = l.isList() ? l.element() : l.isAny() ? Type.ANY : Type.STRING;
            if (!element.compatible(r)) {
                error(Code.TYPE_MISMATCH, c.right().loc(), "cannot look for " + r.describe() + " in " + l.describe()
                        + (r.isList() ? "; to test several values use 'contains any' or 'contains all'" : ""));
            }
        }
    }

    /** The operand's type, or null when it is in error (already reported). */
    private Type operand(Operand o, Context context) {
        if (o instanceof Path p) {
            return path(p, context);
        }
        Literal l = (Literal) o;
        Literal misplaced = timeOrDate(l);
        if (misplaced instanceof Literal.Time) {
            error(Code.MISPLACED_LITERAL, misplaced.loc(), "a time of day can only be used in a window");
            return null;
        }
        if (misplaced instanceof Literal.Date) {
            error(Code.MISPLACED_LITERAL, misplaced.loc(), "a date can only be used in 'now between'");
            return null;
        }
        return literalType(l);
    }

    private Type path(Path p, Context context) {
        Attributes.Typing typing = Attributes.typeOf(p);
        if (typing instanceof Attributes.Typing.Unknown u) {
            error(Code.UNKNOWN_ATTRIBUTE, p.loc(), u.message());
            return null;
        }
        if (p.root().equals("risk") && context.riskForbidden != null) {
            error(Code.RISK_NOT_ALLOWED, p.loc(), context.riskForbidden);
            return null;
        }
        return ((Attributes.Typing.Typed) typing).type();
    }

    /** The first time or date literal in {@code l} (itself, or inside a list), or null. */
    private static Literal timeOrDate(Literal l) {
        if (l instanceof Literal.Time || l instanceof Literal.Date) {
            return l;
        }
        if (l instanceof Literal.ListOf list) {
            for (Literal e : list.elements()) {
                Literal found = timeOrDate(e);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A literal's type; a list mixing types is reported and typed by its first element. */
    private Type literalType(Literal l) {
        if (l instanceof Literal.Str) {
            return Type.STRING;
        } else if (l instanceof Literal.Int || l instanceof Literal.Decimal) {
            return Type.NUMBER;
        } else if (l instanceof Literal.Bool) {
            return Type.BOOL;
        } else if (l instanceof Literal.Dur) {
            return Type.DURATION;
        } else if (l instanceof Literal.Time) {
            return Type.TIME;
        } else if (l instanceof Literal.Date) {
            return Type.DATE;
        }
        Literal.ListOf list = (Literal.ListOf) l;
        {
                Type element = null;
                for (Literal e : list.elements()) {
                    Type t = literalType(e);
                    if (element == null) {
                        element = t;
                    } else if (!element.compatible(t)) {
                        error(Code.TYPE_MISMATCH, e.loc(), "a list holds values of one type: this is " + t.describe() + " among "
                                + element.describe().replaceFirst("^an? ", "") + "s");
                    }
                }
                return Type.listOf(element == null ? Type.ANY : element);
        }
    }

    private void error(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.error(code, loc, message));
    }

    private void warning(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.warning(code, loc, message));
    }
}
