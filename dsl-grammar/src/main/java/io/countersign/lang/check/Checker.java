package io.countersign.lang.check;

import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed policy set against the rules of the language. Every finding is collected; none
 * stops the others, so one run shows an author everything to fix.
 *
 * <p>This class checks the set and each policy's declarations (names, what is declared once, what is unique);
 * conditions are {@link Expressions}', their types {@link Types}', outcomes {@link Outcomes}' and stages
 * {@link Stages}'.
 */
public final class Checker {

    private final Findings findings = new Findings();
    private final Types types = new Types(findings);
    private final Expressions expressions = new Expressions(findings, types);
    private final Outcomes outcomes = new Outcomes(findings, new Stages(findings, expressions, types), types,
            new ConditionConflicts(findings));

    private Checker() {
    }

    /** All errors and warnings of the set, in file and position order. */
    public static List<Diagnostic> check(List<PolicyFile> files) {
        Checker c = new Checker();
        c.checkSet(files);
        return c.findings.sorted();
    }

    /** The clause's keywords, as messages quote them. */
    public static String clauseName(Clause c) {
        return Outcomes.clauseName(c);
    }

    private void checkSet(List<PolicyFile> files) {
        Map<String, Loc> policies = new HashMap<>();
        for (PolicyFile f : files) {
            for (Policy p : f.policies()) {
                findings.name(p.name(), "policy");
                Loc first = policies.putIfAbsent(p.name().text(), p.name().loc());
                if (first != null) {
                    findings.error(Code.DUPLICATE, p.name().loc(), "duplicate policy '" + p.name().text() + "': already declared at "
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
                expressions.expr(s.expr(), windows, Context.SCOPE);
            } else if (item instanceof Item.Default d) {
                once(singles, "default", d.loc());
                outcomes.outcome(d.outcome(), windows, policy + "/default");
            } else if (item instanceof Item.AllowUnsigned u) {
                once(singles, "'allow unsigned decisions'", u.loc());
            } else if (item instanceof Item.AllowStartWithin s) {
                once(singles, "'allow start within'", s.loc());
                findings.positive(s.within(), "allow start within");
            } else if (item instanceof Item.WindowDecl w) {
                findings.name(w.name(), "window");
                unique(windowNames, w.name(), "window", policy);
                expressions.window(w.window());
            } else if (item instanceof Item.RiskFactor r) {
                findings.name(r.name(), "risk factor");
                unique(risks, r.name(), "risk factor", policy);
                if (Math.abs((long) r.weight()) > 100) {
                    findings.error(Code.RISK_WEIGHT_RANGE, r.name().loc(), "risk weight " + r.weight() + " is out of range: weights run from -100 to +100");
                }
                expressions.expr(r.when(), windows, Context.RISK_FACTOR);
            } else if (item instanceof Item.Rule r) {
                findings.name(r.name(), "rule");
                unique(rules, r.name(), "rule", policy);
                Controls.check(r, policy + "/" + r.name().text(), findings.list());
                r.when().ifPresent(w -> expressions.expr(w, windows, Context.RULE));
                outcomes.outcome(r.outcome(), windows, policy + "/" + r.name().text());
            }
        }
    }

    private void once(Map<String, Loc> singles, String what, Loc loc) {
        Loc first = singles.putIfAbsent(what, loc);
        if (first != null) {
            findings.error(Code.DUPLICATE, loc, "a policy has at most one " + what + "; the first is at " + first.position());
        }
    }

    private void unique(Map<String, Loc> seen, Name name, String what, String policy) {
        Loc first = seen.putIfAbsent(name.text(), name.loc());
        if (first != null) {
            findings.error(Code.DUPLICATE, name.loc(), "duplicate " + what + " '" + name.text() + "' in policy " + policy
                    + ": already declared at " + first.position());
        }
    }
}
