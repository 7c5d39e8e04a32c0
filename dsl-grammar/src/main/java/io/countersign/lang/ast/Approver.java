package io.countersign.lang.ast;

/** Who may approve: a user, a group's members, or a user id read from the request. */
public sealed interface Approver {

    Loc loc();

    /** {@code user "id"}. */
    record User(Literal.Str id, Loc loc) implements Approver {
    }

    /** {@code group "name"}. */
    record Group(Literal.Str name, Loc loc) implements Approver {
    }

    /** A path naming a user id taken from the request, such as {@code requester.manager}. */
    record FromPath(Path path, Loc loc) implements Approver {
    }
}
