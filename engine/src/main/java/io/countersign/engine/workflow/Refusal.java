package io.countersign.engine.workflow;

/**
 * Why the rules refuse an action, as a program branches on it: the code is stable (it is part of the
 * API, the CLI's JSON error output and the HTTP server's answers), the message beside it is for people
 * and may change. docs/api.md lists every code.
 */
public enum Refusal {
    /** The actor may not decide this stage: not named by it, nor by its escalation, nor a delegate. */
    NOT_ELIGIBLE,
    /** Nobody decides their own request (unless policy allows self-approval). */
    OWN_REQUEST,
    /** The actor (or the person whose place they hold) has decided this request already. */
    ALREADY_DECIDED,
    /** The request is not in a state the action applies to (not pending, not approved). */
    WRONG_STATE,
    /** The pending request expired before the action. */
    EXPIRED,
    /** The grant's access window has ended: nothing to revoke. */
    ACCESS_ENDED,
    /** Only the requester may do this (cancel, appeal). */
    NOT_REQUESTER,
    /** Policy wants this action signed and it carries no signature. */
    SIGNATURE_REQUIRED,
    /** The signature does not verify with the actor's public keys. */
    SIGNATURE_INVALID,
    /** The signature was made too far from the engine's clock to be current. */
    SIGNATURE_STALE,
    /** The policy repository holds no public key for the actor. */
    UNKNOWN_KEY,
    /** The policy set changed whether this request's actions must be signed since it was submitted. */
    POLICY_CHANGED,
    /** The approval's terms would widen what policy grants (longer, more permissions, changed conditions). */
    WIDENS_GRANT,
    /** Policy says {@code no delegation}, or the actor holds a delegated place and cannot pass it on. */
    DELEGATION_FORBIDDEN,
    /** The delegate cannot take the place: the actor themselves, or someone already holding one. */
    INVALID_DELEGATE,
    /** The stage names nobody to escalate to. */
    NO_ESCALATION_PATH,
    /** The stage is escalated to everyone its policy names already. */
    ALREADY_ESCALATED,
    /** The denial names nobody to hear an appeal, or was an appeal's final word. */
    NOT_APPEALABLE,
    /** Another request has this id with different content. */
    ID_IN_USE,
    /** The request's record does not verify: nothing acts on a record changed outside the workflow. */
    UNVERIFIED,
    /** Others kept changing the request while this action was retried: try again. */
    CONTENTION
}
