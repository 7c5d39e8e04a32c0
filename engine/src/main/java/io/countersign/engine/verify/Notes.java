package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether each audit note ({@code audit.noted}) is one the workflow could have written: about a
 * decision announced before it, by its recorded author, who neither asked for the request nor decided
 * on it and whom the directory it names puts in the auditors' group; and it changed nothing of the
 * request — its request is the one before it but for the version. (Its signature is {@link Signatures}'.)
 */
final class Notes {

    private Notes() {
    }

    static void check(List<Event> events, Map<String, JsonNode> decisions, PolicyJudge judge, List<Finding> out) {
        Set<String> before = new HashSet<>();
        Set<String> deciders = new HashSet<>();
        JsonNode previous = null;
        String requester = events.isEmpty() ? null : events.get(0).data().path("request").path("requester").asText();
        for (Event e : events) {
            JsonNode data = e.data();
            JsonNode d = data.get("decision");
            if (d != null && d.hasNonNull("decisionId")) {
                before.add(d.get("decisionId").asText());
                deciders.add(Signatures.text(d, "approver"));
                if (d.hasNonNull("delegatedFrom")) {
                    deciders.add(d.get("delegatedFrom").asText());
                }
            }
            if (e.type() == EventType.AUDIT_NOTED) {
                String problem = problem(e, previous, before, deciders, requester, judge);
                if (problem != null) {
                    out.add(new Finding(e.sequence(), e.id(), "the audit note by " + e.actor() + " " + problem));
                }
            }
            previous = data.get("request");
        }
    }

    private static String problem(Event e, JsonNode previous, Set<String> before, Set<String> deciders,
            String requester, PolicyJudge judge) {
        JsonNode note = e.data().get("note");
        if (note == null || !note.isObject()) {
            return "records no note";
        }
        String author = Signatures.text(note, "author");
        if (!author.equals(e.actor())) {
            return "names " + author + " as its author";
        }
        if (!before.contains(Signatures.text(note, "decisionId"))) {
            return "is about decision " + Signatures.text(note, "decisionId") + ", which no earlier event announced";
        }
        if (author.equals(requester) || deciders.contains(author)) {
            return "is by someone who took part in the request: an auditor annotates only what they took no part in";
        }
        if (!changesNothing(previous, e.data().get("request"))) {
            return "changed the request: a note changes nothing of it but its version";
        }
        ObjectNode as = Json.mapper().createObjectNode();
        as.put("decisionId", "audit note " + e.id());
        as.put("approver", author);
        as.put("authoritySource", Signatures.text(note, "authoritySource"));
        JsonNode signing = e.data().path("signing");
        as.putObject("metadata").set("directoryVersion", signing.get("directoryVersion"));
        // The workflow's one authority for a note (workflow.Noting: the directory's group "auditors").
        if (!"group:auditors".equals(Signatures.text(note, "authoritySource"))) {
            return "claims the authority " + Signatures.text(note, "authoritySource") + ", not the auditors' group";
        }
        String authority = judge.authority(as);
        return authority == null ? null : "rests on no authority: " + authority;
    }

    /** Whether {@code now} is {@code previous} but for the version. */
    private static boolean changesNothing(JsonNode previous, JsonNode now) {
        if (previous == null || now == null || !previous.isObject() || !now.isObject()) {
            return false;
        }
        ObjectNode a = ((ObjectNode) previous).deepCopy();
        ObjectNode b = ((ObjectNode) now).deepCopy();
        a.remove("version");
        b.remove("version");
        return EventChain.canonical(a).equals(EventChain.canonical(b))
                && now.path("version").asLong() == previous.path("version").asLong() + 1;
    }
}
