package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.History;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An auditor's note on a decision, made later: one event ({@code audit.noted}) chained after the
 * request's last, signed like every person's action, that changes nothing of the request (its next
 * version differs only in the version number) and edits no decision. The decision's {@code auditNotes}
 * is read from these events.
 *
 * <p>Who may annotate: a member of the directory's group {@value #AUDITORS} — fail closed: a directory
 * without that group lets nobody annotate — who neither asked for the request nor decided on it (an
 * audit is independent of what it audits).
 */
final class Noting {

    /** The directory group whose members may annotate decisions. */
    static final String AUDITORS = "auditors";

    private final Parts parts;

    Noting(Parts parts) {
        this.parts = parts;
    }

    StoredRequest note(String id, String actor, Act.Note note, Signature signature) {
        return parts.writes().transitionOn(id, h -> step(h, actor, note, signature));
    }

    /** The statement {@code actor} signs to make {@code note} on the request whose record is {@code h}. */
    Statement statement(History h, String actor, Act.Note note, Instant signedAt) {
        StoredRequest r = h.request();
        return Statement.note(r.id(), Statement.subject(Json.mapper().valueToTree(r)), actor, annotated(h, note),
                note.text(), parts.signing().facts(r), signedAt);
    }

    private Change step(History h, String actor, Act.Note note, Signature signature) {
        Instant now = parts.clock().instant();
        StoredRequest cur = h.request();
        boolean auditor = parts.directory().user(actor).map(Directory.User::groups)
                .map(g -> g.contains(AUDITORS)).orElse(false);
        if (!auditor) {
            throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " may not annotate decisions: only members of"
                    + " the directory's group '" + AUDITORS + "' may");
        }
        if (actor.equals(cur.requester())) {
            throw new RefusedException(Refusal.OWN_REQUEST, actor + " asked for this request: an auditor annotates"
                    + " only what they took no part in");
        }
        for (ApprovalDecision d : h.decisions()) {
            if (actor.equals(d.approver()) || actor.equals(d.delegatedFrom())) {
                throw new RefusedException(Refusal.ALREADY_DECIDED, actor + " decided on this request (decision "
                        + d.decisionId() + "): an auditor annotates only what they took no part in");
            }
        }
        String decisionId = annotated(h, note);
        Map<String, Object> signed = new LinkedHashMap<>(parts.signing().check(statement(h, actor, note, now),
                signature, cur.acceptsUnsigned(), now, "audit note"));
        if (parts.directory().digest() != null) {
            signed.put("directoryVersion", parts.directory().digest());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("decisionId", decisionId);
        record.put("author", actor);
        record.put("authoritySource", "group:" + AUDITORS);
        record.put("text", note.text());
        Chain chain = Chain.next(Draft.from(cur), now);
        chain.note(actor, record, signed);
        return chain.change(List.of());
    }

    /** The decision a note is about: the one it names, or the request's newest. */
    private static String annotated(History h, Act.Note note) {
        List<ApprovalDecision> ds = h.decisions();
        if (note.decisionId() == null) {
            if (ds.isEmpty()) {
                throw new RefusedException(Refusal.WRONG_STATE, "request " + h.request().id() + " has no decision"
                        + " to annotate yet");
            }
            return ds.get(ds.size() - 1).decisionId();
        }
        for (ApprovalDecision d : ds) {
            if (note.decisionId().equals(d.decisionId())) {
                return d.decisionId();
            }
        }
        throw new InvalidRequestException("decision", "request " + h.request().id() + " has no decision "
                + note.decisionId());
    }
}
