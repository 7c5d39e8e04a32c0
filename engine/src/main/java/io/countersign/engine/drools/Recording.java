package io.countersign.engine.drools;

import io.countersign.engine.eval.Findings;

/**
 * What a Drools rule records, packed in an int: the finding's number and its kind. The DRL carries it
 * as the literal of the rule's {@code this records N}.
 */
final class Recording {

    private Recording() {
    }

    /** {@code index << 2 | kind}. */
    static int pack(DrlCompiler.Target t) {
        if (t.index() >= 1 << 29) {
            throw new IllegalArgumentException("more than 2^29 findings of one kind");
        }
        return t.index() << 2 | t.kind().ordinal();
    }

    /** Writes {@code value} for the packed target {@code t}. */
    static void record(Findings findings, int t, int value) {
        int index = t >>> 2;
        switch (t & 3) {
            case 0 -> findings.scope(index, value);
            case 1 -> findings.risk(index, value);
            case 2 -> findings.rule(index, value);
            default -> findings.stage(index, value);
        }
    }
}
