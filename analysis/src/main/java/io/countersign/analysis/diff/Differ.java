package io.countersign.analysis.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import io.countersign.analysis.encode.Grants;
import io.countersign.analysis.encode.Opaque;
import io.countersign.analysis.encode.RequestSpace;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.analysis.encode.Vocabulary;
import io.countersign.analysis.oracle.Oracle;
import io.countersign.analysis.smt.Analysis;
import io.countersign.analysis.smt.Questions;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The decisions that change between two policy sets. One question, asked again and again: is there a
 * request on which the two decide differently — another outcome, or the same outcome with other
 * stages, grants or workflow? Each answer is replayed through both sets' reference evaluators,
 * classified, and its pattern (which outcomes decided on each side) excluded before the next
 * question, until there is none: then every change has a class.
 */
public final class Differ {

    /** How many patterns are examined before the report says it stopped early. */
    public static final int MAX_PATTERNS = 500;

    /**
     * @param unconfirmed examples on which the solver claimed a change the evaluators did not see:
     *     they rely on a predicate outside the decidable core
     * @param complete every pattern was examined (false: stopped at the limit, or the solver could not tell)
     */
    public record Report(List<ChangeClass> classes, List<Opaque> outsideCore, List<Map<String, Object>> unconfirmed,
            boolean complete, String incomplete, long solverCalls) {
    }

    private Differ() {
    }

    public static Report diff(PolicySet before, PolicySet after) {
        return diff(before, after, true);
    }

    /** With {@code sliced}, the questions are narrowed to requests where a changed rule is active ({@link Side#changed}). */
    static Report diff(PolicySet before, PolicySet after, boolean sliced) {
        return Analysis.onDeepStack(() -> compare(before, after, sliced));
    }

    private static Report compare(PolicySet before, PolicySet after, boolean sliced) {
        try (Analysis analysis = new Analysis()) {
            Context ctx = analysis.ctx();
            RequestSpace space = new RequestSpace(ctx, Vocabulary.of(List.of(before, after)));
            List<Opaque> opaque = new ArrayList<>();
            Side old = new Side(ctx, new SetEncoding(space, before, opaque));
            Side neu = new Side(ctx, new SetEncoding(space, after, opaque));
            analysis.background(space.constraints(), 60_000);
            Questions questions = new Questions(analysis, space);
            Oracle oracleOld = new Oracle(before);
            Oracle oracleNew = new Oracle(after);
            BoolExpr kind = kindDiffers(ctx, old, neu);
            BoolExpr grants = grantsDiffer(ctx, space, old, neu);
            BoolExpr patterns = patternsDiffer(ctx, old, neu);
            BoolExpr changed = sliced ? Side.changed(ctx, old, neu) : ctx.mkTrue();
            List<BoolExpr> blocked = new ArrayList<>();
            List<BoolExpr> literals = new ArrayList<>(old.literals());
            literals.addAll(neu.literals());
            Map<String, Classes.Builder> classes = new LinkedHashMap<>();
            List<Map<String, Object>> unconfirmed = new ArrayList<>();
            String incomplete = null;
            int examined = 0;
            while (true) {
                if (examined >= MAX_PATTERNS) {
                    incomplete = "stopped after " + MAX_PATTERNS + " patterns of decisions";
                    break;
                }
                List<BoolExpr> q = new ArrayList<>(blocked);
                q.add(ctx.mkOr(kind, grants, patterns));
                q.add(changed);
                BoolExpr question = Z3s.and(ctx, q);
                Analysis.Answer a = analysis.ask(question);
                if (a instanceof Analysis.Answer.Unsat) {
                    break;
                }
                if (a instanceof Analysis.Answer.Unknown u) {
                    incomplete = "the solver could not tell whether more changes exist (" + u.reason() + ")";
                    break;
                }
                examined++;
                Model m = ((Analysis.Answer.Sat) a).model();
                BoolExpr pattern = assignment(ctx, m, literals);
                Optional<AccessRequest> request = questions.found(m, ctx.mkAnd(question, pattern));
                if (request.isEmpty()) {
                    blocked.add(ctx.mkNot(pattern));
                    continue;
                }
                Evaluation eo = oracleOld.evaluate(request.get());
                Evaluation en = oracleNew.evaluate(request.get());
                Observed oo = Observed.of(eo);
                Observed on = Observed.of(en);
                if (!oo.equals(on)) {
                    // shown as simply as it can be while it keeps its shape of change, decided by the same rules
                    String shape = Classes.shape(oo, on);
                    AccessRequest shown = Shrink.of(request.get(), x -> {
                        Evaluation xo = oracleOld.evaluate(x);
                        Evaluation xn = oracleNew.evaluate(x);
                        return xo.rules().equals(eo.rules()) && xn.rules().equals(en.rules())
                                && Classes.shape(Observed.of(xo), Observed.of(xn)).equals(shape);
                    });
                    Classes.add(classes, Observed.of(oracleOld.evaluate(shown)), Observed.of(oracleNew.evaluate(shown)),
                            shown, eo.rules(), en.rules());
                    blocked.add(ctx.mkNot(pattern));
                } else if (claimed(m, old, eo.outcome()) && claimed(m, neu, en.outcome())) {
                    // same decision where the patterns differ: only the pattern was new, not the decision
                    blocked.add(ctx.mkOr(ctx.mkNot(pattern), kind, grants));
                } else {
                    unconfirmed.add(Classes.json(request.get()));
                    blocked.add(ctx.mkNot(pattern));
                }
            }
            // In the order of their words, not of the solver's finding them: the same policies, the same report.
            List<ChangeClass> out = new ArrayList<>();
            classes.values().forEach(b -> out.add(b.build()));
            out.sort(Comparator.comparing(ChangeClass::title));
            return new Report(out, List.copyOf(opaque), unconfirmed, incomplete == null, incomplete,
                    analysis.queries());
        }
    }

    /** Whether the model's outcome for a side is the evaluator's. */
    private static boolean claimed(Model m, Side s, Outcome actual) {
        return m.eval(s.outcomes.get(actual), true).isTrue();
    }

    private static BoolExpr assignment(Context ctx, Model m, List<BoolExpr> literals) {
        List<BoolExpr> all = new ArrayList<>();
        for (BoolExpr l : literals) {
            all.add(m.eval(l, true).isTrue() ? l : ctx.mkNot(l));
        }
        return Z3s.and(ctx, all);
    }

    private static BoolExpr kindDiffers(Context ctx, Side a, Side b) {
        List<BoolExpr> any = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            any.add(ctx.mkAnd(a.outcomes.get(o), ctx.mkNot(b.outcomes.get(o))));
        }
        return Z3s.or(ctx, any);
    }

    /** Both grant (or both are pending) and what they grant differs: duration or a permission. */
    private static BoolExpr grantsDiffer(Context ctx, RequestSpace space, Side a, Side b) {
        BoolExpr bothGrant = ctx.mkAnd(grantKind(ctx, a), grantKind(ctx, b));
        BoolExpr bothPending = ctx.mkAnd(a.outcomes.get(Outcome.PENDING), b.outcomes.get(Outcome.PENDING));
        return ctx.mkOr(ctx.mkAnd(bothGrant, differ(ctx, space, a.enc.grants(), b.enc.grants())),
                ctx.mkAnd(bothPending, differ(ctx, space, a.enc.requiredGrants(), b.enc.requiredGrants())));
    }

    private static BoolExpr grantKind(Context ctx, Side s) {
        return ctx.mkOr(s.outcomes.get(Outcome.APPROVED), s.outcomes.get(Outcome.CONDITIONAL),
                s.outcomes.get(Outcome.PARTIAL));
    }

    private static BoolExpr differ(Context ctx, RequestSpace space, Grants a, Grants b) {
        List<BoolExpr> any = new ArrayList<>();
        any.add(ctx.mkNot(ctx.mkEq(a.duration(), b.duration())));
        any.add(ctx.mkXor(a.grantsUnnamed(), b.grantsUnnamed()));
        Set<String> names = new TreeSet<>(space.vocabulary().strings());
        for (String p : names) {
            if (!p.isBlank()) {
                any.add(ctx.mkXor(a.granted(p), b.granted(p)));
            }
        }
        return Z3s.or(ctx, any);
    }

    /** Both deny, require or approve, through outcomes that are not the same on both sides. */
    private static BoolExpr patternsDiffer(Context ctx, Side a, Side b) {
        BoolExpr bothDenied = ctx.mkAnd(a.outcomes.get(Outcome.DENIED), b.outcomes.get(Outcome.DENIED));
        BoolExpr bothPending = ctx.mkAnd(a.outcomes.get(Outcome.PENDING), b.outcomes.get(Outcome.PENDING));
        BoolExpr bothGrant = ctx.mkAnd(grantKind(ctx, a), grantKind(ctx, b));
        return ctx.mkOr(ctx.mkAnd(bothDenied, keys(ctx, a.denies, b.denies)),
                ctx.mkAnd(bothPending, keys(ctx, a.requires, b.requires)),
                ctx.mkAnd(bothGrant, keys(ctx, a.approves, b.approves)));
    }

    private static BoolExpr keys(Context ctx, Map<String, BoolExpr> a, Map<String, BoolExpr> b) {
        List<BoolExpr> any = new ArrayList<>();
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String k : all) {
            BoolExpr x = a.getOrDefault(k, ctx.mkFalse());
            BoolExpr y = b.getOrDefault(k, ctx.mkFalse());
            any.add(ctx.mkXor(x, y));
        }
        return Z3s.or(ctx, any);
    }
}
