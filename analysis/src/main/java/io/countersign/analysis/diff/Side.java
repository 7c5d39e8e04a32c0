package io.countersign.analysis.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import io.countersign.analysis.encode.Contribution;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.decide.Outcome;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One set's decision as a pattern: its outcome, and which outcomes (keyed by their text, not their
 * rule's name) deny, require (with which stages kept) or approve. Two sets whose patterns agree on a
 * request decide it the same way, but for grants that depend on the request itself (a cap against
 * the requested duration, a list against the requested permissions), which are compared as terms.
 */
final class Side {

    final SetEncoding enc;
    final Map<Outcome, BoolExpr> outcomes = new LinkedHashMap<>();
    final Map<String, BoolExpr> denies = new LinkedHashMap<>();
    final Map<String, BoolExpr> requires = new LinkedHashMap<>();
    final Map<String, BoolExpr> approves = new LinkedHashMap<>();
    /** Each contribution's identity (see {@link #identity}), in the decision's order, with its activity. */
    final List<Map.Entry<String, BoolExpr>> identities = new ArrayList<>();
    private final Map<String, String> texts = new HashMap<>();

    Side(Context ctx, SetEncoding enc) {
        this.enc = enc;
        for (SourceFile f : enc.set().sources()) {
            texts.put(f.path(), f.text());
        }
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, enc.outcome(o));
        }
        Map<String, List<BoolExpr>> d = new LinkedHashMap<>();
        Map<String, List<BoolExpr>> r = new LinkedHashMap<>();
        Map<String, List<BoolExpr>> a = new LinkedHashMap<>();
        for (Contribution c : enc.contributions()) {
            identities.add(Map.entry(identity(c), c.active()));
            if (c.denies()) {
                String appeal = "";
                if (c.outcome() != null) {
                    for (Clause cl : c.outcome().clauses()) {
                        if (cl instanceof Clause.Appeal ap) {
                            appeal = text(ap.loc());
                        }
                    }
                }
                d.computeIfAbsent(appeal, k -> new ArrayList<>()).add(c.active());
                continue;
            }
            String key = text(c.outcome().loc());
            BoolExpr requiring = enc.requiring(c);
            if (c.requires()) {
                r.computeIfAbsent(key, k -> new ArrayList<>()).add(requiring);
                for (int s = 0; s < c.stages().size(); s++) {
                    r.computeIfAbsent(key + "\u0000stage " + s, k -> new ArrayList<>())
                            .add(ctx.mkAnd(requiring, enc.stages().kept(c, s)));
                }
            }
            a.computeIfAbsent(key, k -> new ArrayList<>()).add(enc.approving(c));
        }
        d.forEach((k, v) -> denies.put(k, Z3s.or(ctx, v)));
        r.forEach((k, v) -> requires.put(k, Z3s.or(ctx, v)));
        a.forEach((k, v) -> approves.put(k, Z3s.or(ctx, v)));
    }

    /**
     * What a contribution does, exactly: when it is active (its formula, shared between the two sides'
     * encodings when it is the same), the outcome's source text as written, and each stage's
     * condition. Two contributions with one identity contribute the same to every decision; the
     * converse need not hold (reformatting a rule gives it a new identity), which costs speed, not
     * exactness.
     */
    private String identity(Contribution c) {
        StringBuilder b = new StringBuilder().append(c.active().getId()).append('\u0000');
        if (c.outcome() == null) {
            b.append("unknown scope");
        } else {
            Loc loc = c.outcome().loc();
            String t = texts.get(loc.file());
            b.append(t == null || loc.start() < 0 ? loc.toString()
                    : t.substring(t.offsetByCodePoints(0, loc.start()), t.offsetByCodePoints(0, loc.end())));
        }
        for (TriTerm when : c.stages()) {
            b.append('\u0000').append(when.isTrue().getId()).append(',').append(when.isFalse().getId());
        }
        return b.toString();
    }

    /**
     * Where the two sides can decide differently at all: a contribution of one side that the other
     * does not have is active. When both sides have the same contributions active, in the same
     * order, {@code DecisionProcedure} decides alike: it sees only the ordered contributions'
     * outcomes and stage conditions, the request and the instant. That holds when the contributions
     * both have come in the same order; otherwise (rules moved) this says nothing (true). A redundant
     * constraint: it narrows the solver's search to the changed rules, most of a diff's time.
     */
    static BoolExpr changed(Context ctx, Side a, Side b) {
        Set<String> inA = new HashSet<>();
        a.identities.forEach(e -> inA.add(e.getKey()));
        Set<String> inB = new HashSet<>();
        b.identities.forEach(e -> inB.add(e.getKey()));
        List<String> sharedA = a.identities.stream().map(Map.Entry::getKey).filter(inB::contains).toList();
        List<String> sharedB = b.identities.stream().map(Map.Entry::getKey).filter(inA::contains).toList();
        if (!sharedA.equals(sharedB)) {
            return ctx.mkTrue();
        }
        List<BoolExpr> any = new ArrayList<>();
        a.identities.stream().filter(e -> !inB.contains(e.getKey())).forEach(e -> any.add(e.getValue()));
        b.identities.stream().filter(e -> !inA.contains(e.getKey())).forEach(e -> any.add(e.getValue()));
        return Z3s.or(ctx, any);
    }

    /** The outcome's source text, whitespace runs collapsed: two rules writing the same outcome share a key. */
    private String text(Loc loc) {
        String t = texts.get(loc.file());
        if (t == null || loc.start() < 0) {
            return loc.toString();
        }
        int from = t.offsetByCodePoints(0, loc.start());
        int to = t.offsetByCodePoints(0, loc.end());
        return t.substring(from, to).replaceAll("#[^\\n]*", " ").replaceAll("\\s+", " ").trim();
    }

    /** Every boolean of the pattern, in a fixed order, for blocking a pattern once it has been seen. */
    List<BoolExpr> literals() {
        List<BoolExpr> out = new ArrayList<>(outcomes.values());
        out.addAll(denies.values());
        out.addAll(requires.values());
        out.addAll(approves.values());
        return out;
    }
}
