package io.countersign.lang.ast;

/** How many distinct approvers a stage needs. */
public sealed interface Quorum {

    Loc loc();

    /** {@code N of}. */
    record Count(int count, Loc loc) implements Quorum {
    }

    /** {@code all of}: every named user. */
    record All(Loc loc) implements Quorum {
    }
}
