package io.countersign.analysis.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import io.countersign.analysis.encode.Contribution;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.decide.Outcome;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
