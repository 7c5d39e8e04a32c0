package io.countersign.engine.drools;

import io.countersign.engine.eval.Findings;

/**
 * What a Drools rule records, packed in an int: the finding's number, its kind and whether its value
 * is bound as {@code $t}. The DRL carries it as the literal of {@code this records N} (rules whose
 * match is a plain true); the agenda filter finds it by the rule's load order (rules that bind
 * {@code $t}).
 */
final class Recording {

    private Recording() {
    }

    /** {@code index << 3 | kind << 1 | bound}. */
    static int pack(DrlCompiler.Target t) {
        if (t.index() >= 1 << 28) {
            throw new IllegalArgumentException("more than 2^28 findings of one kind");
        }
        return t.index() << 3 | t.kind().ordinal() << 1 | (t.bound() ? 1 : 0);
    }

    /** Writes {@code value} for the packed target {@code t}. */
    static void record(Findings findings, int t, int value) {
        int index = t >>> 3;
        switch ((t >>> 1) & 3) {
            case 0 -> findings.scope(index, value);
            case 1 -> findings.risk(index, value);
            case 2 -> findings.rule(index, value);
            default -> findings.stage(index, value);
        }
    }
}
