package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a request's events and checks the signature of every person's action on them
 * ({@link Signatures}): the submission, a cancellation, an audit note, a follow-up done, and each
 * decision the first time it is announced. It also tells {@link Grounds} which grants were signed and
 * which decisions' signatures were rejected.
 */
final class SignedActions {

    private SignedActions() {
    }

    /**
     * @param signedGrants filled with the grant each approval's verified signature covers, by decision id
     * @param rejected filled with the decisions whose signature did not hold and signed no grant
     */
    static void check(PublicKeys keys, List<Event> events, StoredRequest created, JsonNode createdTree,
            boolean acceptsUnsigned, Map<String, JsonNode> signedGrants, Set<String> rejected, List<Finding> out) {
        Signatures check = new Signatures(keys, acceptsUnsigned, createdTree);
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            JsonNode data = e.data();
            JsonNode request = data.get("request");
            String problem = null;
            if (e.type() == EventType.REQUEST_CREATED) {
                problem = check.action(data.get("signing"), created.requester(), created.id(), "submit",
                        Statement.submission(request), e.time().toString(), "the request by " + created.requester());
            } else if (e.type() == EventType.REQUEST_CANCELLED) {
                problem = check.action(data.get("signing"), e.actor(), created.id(), "cancel",
                        Statement.subject(request), e.time().toString(), "the cancellation by " + e.actor());
            } else if (e.type() == EventType.AUDIT_NOTED) {
                problem = check.note(data.get("signing"), data.get("note"), e.actor(), created.id(),
                        Statement.subject(request), e.time().toString());
            } else if (e.type() == EventType.FOLLOWUP_DONE) {
                problem = check.followUp(data, e.actor(), created.id(), e.time().toString());
            }
            JsonNode d = data.get("decision");
            if (problem == null && d != null && d.hasNonNull("decisionId") && seen.add(d.get("decisionId").asText())) {
                Signatures.Checked c = check.decision(d, request);
                problem = c.problem();
                if (c.grant() != null) {
                    signedGrants.put(d.get("decisionId").asText(), c.grant());
                } else if (problem != null) {
                    rejected.add(d.get("decisionId").asText());
                }
            }
            if (problem != null) {
                out.add(new Finding(e.sequence(), e.id(), problem));
            }
        }
    }
}
