package io.countersign.analysis.lint;

import io.countersign.analysis.encode.Contribution;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.format.Formatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules of the same precedence that decide one request together and disagree where no precedence
 * settles it: the same condition set to different values (the first in file order wins, silently), or
 * {@code grant only} lists with nothing in common (the request is denied, which neither rule says).
 */
final class Conflicts {

    private final Linter lint;
    private final SetEncoding enc;

    Conflicts(Linter lint, SetEncoding enc) {
        this.lint = lint;
        this.enc = enc;
    }

    void run() {
        List<Contribution> granting = new ArrayList<>();
        for (Contribution c : enc.contributions()) {
            if (c.outcome() != null && !c.denies() && c.isRule()) {
                granting.add(c);
            }
        }
        for (int i = 0; i < granting.size(); i++) {
            for (int j = i + 1; j < granting.size(); j++) {
                Contribution a = granting.get(i);
                Contribution b = granting.get(j);
                Optional<String> why = conflict(a, b);
                if (why.isEmpty()) {
                    continue;
                }
                var q = lint.ctx().mkAnd(enc.decides(a), enc.decides(b));
                Optional<Map.Entry<Map<String, Object>, Boolean>> ex = lint.example(q,
                        e -> e.rules().contains(a.id()) && e.rules().contains(b.id()));
                ex.ifPresent(x -> lint.add(LintCode.CONFLICT, b.loc(), "rules " + a.id() + " and " + b.id()
                        + " decide some requests together and " + why.get(), x.getKey(), x.getValue()));
            }
        }
    }

    private static Optional<String> conflict(Contribution a, Contribution b) {
        Map<String, String> ca = conditions(a);
        for (Map.Entry<String, String> e : conditions(b).entrySet()) {
            String other = ca.get(e.getKey());
            if (other != null && !other.equals(e.getValue())) {
                return Optional.of("set condition " + e.getKey() + " to " + other + " and " + e.getValue()
                        + ": the first in file order wins");
            }
        }
        List<String> oa = only(a);
        List<String> ob = only(b);
        if (oa != null && ob != null && oa.stream().noneMatch(ob::contains)) {
            return Optional.of("their 'grant only' lists have nothing in common: such a request is denied");
        }
        return Optional.empty();
    }

    private static Map<String, String> conditions(Contribution c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Clause cl : c.outcome().clauses()) {
            if (cl instanceof Clause.Condition cn) {
                out.put(cn.name().text(), Formatter.literal(cn.value()));
            }
        }
        return out;
    }

    private static List<String> only(Contribution c) {
        for (Clause cl : c.outcome().clauses()) {
            if (cl instanceof Clause.GrantOnly g) {
                List<String> out = new ArrayList<>();
                g.permissions().elements().forEach(l -> {
                    if (l instanceof Literal.Str s) {
                        out.add(s.value());
                    }
                });
                return out;
            }
        }
        return null;
    }
}
