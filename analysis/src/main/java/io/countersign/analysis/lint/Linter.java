package io.countersign.analysis.lint;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import io.countersign.analysis.encode.Contribution;
import io.countersign.analysis.encode.Opaque;
import io.countersign.analysis.encode.RequestSpace;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.analysis.encode.Vocabulary;
import io.countersign.analysis.oracle.Oracle;
import io.countersign.analysis.report.Finding;
import io.countersign.analysis.smt.Analysis;
import io.countersign.analysis.smt.Questions;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Lints a policy set. Each "never" is an unsatisfiable question over every valid request in the
 * horizon (sound: predicates outside the core are left free); each example is a model, decoded and
 * replayed through the reference evaluator, which must agree before the example is called confirmed.
 */
public final class Linter {

    /** How long the solver may think about one question before the finding says it could not tell. */
    public static final int TIMEOUT_MILLIS = 20_000;

    private final PolicySet set;
    private final List<Finding> findings = new ArrayList<>();
    private Context ctx;
    private Questions questions;
    private SetEncoding enc;
    private Oracle oracle;

    private Linter(PolicySet set) {
        this.set = set;
    }

    /** Every finding, at its default level, in the order of the set (file, then position). */
    public static List<Finding> lint(PolicySet set) {
        return Analysis.onDeepStack(() -> new Linter(set).run());
    }

    private List<Finding> run() {
        try (Analysis analysis = new Analysis()) {
            ctx = analysis.ctx();
            RequestSpace space = new RequestSpace(ctx, Vocabulary.of(List.of(set)));
            List<Opaque> opaque = new ArrayList<>();
            enc = new SetEncoding(space, set, opaque);
            analysis.background(space.constraints(), TIMEOUT_MILLIS, true);
            questions = new Questions(analysis, space);
            oracle = new Oracle(set);
            for (Opaque o : opaque) {
                add(LintCode.OUTSIDE_CORE, o.loc(), "'" + o.text() + "' is outside the decidable core (" + o.reason()
                        + "): the solver treats it as unknown, so findings about what it decides may be missing", null,
                        true);
            }
            scopes();
            riskFactors();
            rules();
            new TimeChecks(this, set, space, enc).run();
            new Conflicts(this, enc).run();
        }
        findings.sort(java.util.Comparator.comparing((Finding f) -> f.loc().file()).thenComparingInt(f -> f.loc().line())
                .thenComparingInt(f -> f.loc().column()).thenComparing(Finding::code));
        return List.copyOf(findings);
    }

    private void scopes() {
        for (PolicySet.PolicyEntry p : set.policies()) {
            if (p.scope().isPresent() && never(enc.scope(p.index()).isTrue(), p.policy().loc())) {
                add(LintCode.SCOPE_NEVER_HOLDS, p.scope().get().loc(), "the scope of policy " + p.name()
                        + " never holds: none of its rules, risk factors or default ever applies", null, true);
            }
        }
    }

    private void riskFactors() {
        boolean read = set.policies().stream().anyMatch(p -> Walk.readsRisk(p.policy()));
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            BoolExpr applies = enc.applies(r.policy());
            TriTerm t = enc.riskFactor(r.index());
            Loc loc = r.factor().loc();
            if (never(ctx.mkAnd(applies, t.isTrue()), loc)) {
                add(LintCode.RISK_NEVER_HOLDS, loc, "risk factor " + r.id() + " never holds where its policy applies",
                        null, true);
            } else if (!read) {
                add(LintCode.UNUSED_RISK, loc, "risk factor " + r.id() + " changes no decision: no rule or stage"
                        + " condition in the set reads risk (it is only recorded)", null, true);
            } else if (!satisfiable(enc.applies(r.policy()), loc)) {
                continue;
            } else if (never(ctx.mkAnd(applies, ctx.mkNot(t.isTrue())), loc)) {
                add(LintCode.ALWAYS_TRUE, loc, "the condition of risk factor " + r.id() + " always holds where its"
                        + " policy applies: write the weight into the rules instead, or narrow it", null, true);
            }
        }
    }

    private void rules() {
        for (PolicySet.RuleEntry r : set.rules()) {
            Contribution c = enc.rule(r.index());
            Loc loc = r.rule().loc();
            if (!satisfiable(enc.applies(r.policy()), loc)) {
                continue; // the scope finding says it
            }
            boolean deny = r.rule().outcome() instanceof Outcome.Deny;
            if (never(c.active(), loc)) {
                add(deny ? LintCode.DENY_NEVER_FIRES : LintCode.NEVER_HOLDS, loc, deny
                        ? "deny rule " + r.id() + " can never fire: its condition is never true nor undetermined"
                                + " where its policy applies"
                        : "the condition of rule " + r.id() + " can never hold where its policy applies", null, true);
                continue;
            }
            if (r.rule().when().isPresent()) {
                TriTerm when = enc.ruleCondition(r.index());
                if (never(ctx.mkAnd(enc.applies(r.policy()), ctx.mkNot(when.isTrue())), loc)) {
                    add(LintCode.ALWAYS_TRUE, r.rule().when().get().loc(), "the condition of rule " + r.id()
                            + " always holds where its policy applies: it can be left out", null, true);
                }
            }
            if (!deny && never(enc.decides(c), loc)) {
                shadowed(c, loc);
            }
        }
    }

    /** A rule that fires but never decides: name the rule that always wins over it, with an example. */
    private void shadowed(Contribution c, Loc loc) {
        Contribution winner = null;
        for (Contribution s : enc.contributions()) {
            if (s == c || !(s.denies() || c.outcome() instanceof Outcome.Approve && s.requires())) {
                continue;
            }
            if (never(ctx.mkAnd(c.active(), ctx.mkNot(enc.overrides(s))), loc)) {
                winner = s;
                break;
            }
        }
        Contribution w = winner;
        Map<String, Object> example = null;
        boolean confirmed = true;
        Optional<Model> m = model(c.active());
        if (m.isPresent()) {
            Optional<AccessRequest> r = questions.example(m.get(), c.active());
            if (r.isPresent()) {
                Evaluation e = oracle.evaluate(r.get());
                confirmed = !e.rules().contains(c.id()) && (w == null || e.rules().contains(w.id()));
                example = json(r.get());
            }
        }
        String by = w == null ? "rules of higher precedence decide whenever it fires (no single one always does)"
                : w.id() + " (" + kind(w) + ") decides whenever it fires";
        add(LintCode.SHADOWED, loc, "rule " + c.id() + " can never decide: " + by, example, confirmed);
    }

    static String kind(Contribution c) {
        if (c.outcome() == null) {
            return "unknown scope, deny";
        }
        return c.outcome() instanceof Outcome.Deny ? "deny"
                : c.outcome() instanceof Outcome.RequireApproval ? "require approval" : "approve";
    }

    // ---- questions

    /** True when the question has no model (a timeout is reported and counts as "not never"). */
    boolean never(BoolExpr q, Loc loc) {
        Analysis.Answer a = questions.ask(q);
        if (a instanceof Analysis.Answer.Unknown u) {
            add(LintCode.INCONCLUSIVE, loc, "the solver could not decide a question here (" + u.reason()
                    + "): findings at this place may be missing", null, true);
            return false;
        }
        return a instanceof Analysis.Answer.Unsat;
    }

    boolean satisfiable(BoolExpr q, Loc loc) {
        return questions.ask(q) instanceof Analysis.Answer.Sat;
    }

    Optional<Model> model(BoolExpr q) {
        return questions.ask(q) instanceof Analysis.Answer.Sat s ? Optional.of(s.model()) : Optional.empty();
    }

    /** An example of {@code q}, replayed: the request and whether the evaluator's answer passes {@code check}. */
    Optional<Map.Entry<Map<String, Object>, Boolean>> example(BoolExpr q, Predicate<Evaluation> check) {
        Optional<Model> m = model(q);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return questions.example(m.get(), q).map(r -> Map.entry(json(r), check.test(oracle.evaluate(r))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(AccessRequest r) {
        return io.countersign.analysis.report.Example.json(r);
    }

    void add(LintCode code, Loc loc, String message, Map<String, Object> example, boolean confirmed) {
        boolean seen = findings.stream().anyMatch(f -> f.code().equals(code.code()) && f.loc().equals(loc)
                && f.message().equals(message));
        if (!seen) {
            findings.add(new Finding(code.code(), code.slug(), code.defaultLevel(), loc, message, example, confirmed));
        }
    }

    Context ctx() {
        return ctx;
    }
}
