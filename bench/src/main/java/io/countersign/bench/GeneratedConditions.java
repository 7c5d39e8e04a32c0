package io.countersign.bench;

import io.countersign.lang.source.SourceFile;
import java.util.List;

/**
 * One rule whose condition has a given number of terms (predicates) in a given shape, for measuring
 * how compile time grows with the size of a condition:
 * <ul>
 *   <li>{@code or}: profile equalities joined by {@code or}, as a policy listing the profiles it covers;
 *   <li>{@code and}: predicates of every kind joined by {@code and};
 *   <li>{@code mixed}: a balanced tree, {@code or} of parenthesised {@code and}s of {@code or}s…,
 *       four operands a node;
 *   <li>{@code deep}: a chain nested in parentheses 90 levels deep (the parser allows 100), and and
 *       or alternating, the terms spread over the levels.
 * </ul>
 */
public final class GeneratedConditions {

    public static final List<String> SHAPES = List.of("or", "and", "mixed", "deep");

    private static final String[] PREDICATES = {
        "profile == \"p%d\"", "requester in group \"g%d\"", "context.k%d == %d", "duration <= %dh",
        "requester.level >= %d", "permissions contains \"x%d\"", "justification matches \"*%d*\"",
        "now during mon-fri 08:00-18:00 in \"Europe/Berlin\"", "not has ticket", "requester not in group \"c%d\"",
        "context.tags contains any [\"t%d\", \"u%d\"]", "ticket matches regex \"INC-%d[0-9]*\""};

    private int next;

    private GeneratedConditions() {
    }

    /** The policy file: one rule whose condition has {@code terms} predicates in {@code shape}. */
    public static List<SourceFile> policy(String shape, int terms) {
        String when = condition(shape, terms);
        return List.of(new SourceFile("conditions.policy", "policy conditions {\n  rule r {\n    when " + when
                + "\n    then approve\n  }\n}\n"));
    }

    public static String condition(String shape, int terms) {
        GeneratedConditions g = new GeneratedConditions();
        return switch (shape) {
            case "or" -> g.chain(terms, " or ", true);
            case "and" -> g.chain(terms, " and ", false);
            case "mixed" -> g.tree(terms, false);
            case "deep" -> g.deep(terms, 90);
            default -> throw new IllegalArgumentException("no shape " + shape + "; one of " + SHAPES);
        };
    }

    private String predicate(boolean profile) {
        int k = next++;
        String p = profile ? PREDICATES[0] : PREDICATES[k % PREDICATES.length];
        return p.replace("%d", Integer.toString(profile ? k : k % 97 + 1));
    }

    private String chain(int terms, String connective, boolean profiles) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < terms; i++) {
            b.append(i == 0 ? "" : connective).append(predicate(profiles));
        }
        return b.toString();
    }

    /** Four operands a node, {@code or} at the top, {@code and} below, and so on. */
    private String tree(int terms, boolean and) {
        if (terms == 1) {
            return predicate(false);
        }
        StringBuilder b = new StringBuilder();
        int per = (terms + 3) / 4;
        for (int left = terms; left > 0; left -= per) {
            int n = Math.min(per, left);
            b.append(left == terms ? "" : and ? " and " : " or ");
            b.append(n > 1 ? "(" + tree(n, !and) + ")" : tree(n, !and));
        }
        return b.toString();
    }

    /** {@code a and b and (c or d or (e and ...))}: the terms spread over {@code depth} levels. */
    private String deep(int terms, int depth) {
        int levels = Math.min(depth, Math.max(1, terms / 2));
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int level = 0; level < levels; level++) {
            boolean last = level == levels - 1;
            int here = last ? terms - used : Math.max(1, (terms - used) / (levels - level));
            String connective = level % 2 == 0 ? " and " : " or ";
            for (int i = 0; i < here; i++) {
                b.append(i == 0 ? "" : connective).append(predicate(false));
            }
            used += here;
            b.append(last ? "" : connective + "(");
        }
        return b.append(")".repeat(levels - 1)).toString();
    }
}
