package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Decision;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.model.Creation;
import io.countersign.engine.model.StoredRequest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether policy's decision on a request is the one the policy set and directory it names give: the
 * request's first version is made again from what was asked ({@link Creation}), with the set that has
 * the recorded digest, and must come out the same — outcome, rules, grant, stages, what it says of
 * unsigned actions, policy's decision record. The requester's groups and attributes must be what the
 * directory with the recorded digest says, and a person's group authority a group that directory puts
 * them in.
 *
 * <ul>
 *   <li>{@link #acting}: the workflow's check before it acts. Only what the current set and directory
 *       can judge: a request they did not decide is left to the gateway and the audit, so a policy
 *       change never strands a pending request.
 *   <li>{@link #gateway}: the access check's. A grant made under another policy set is allowed only
 *       while the current set still decides the request the same way; the requester's groups and
 *       attributes must still be the directory's.
 *   <li>{@link #archive}: the audit's. The set and directory with the recorded digest, from the
 *       current files or the git history; a digest found in neither is reported.
 * </ul>
 */
public final class PolicyJudge {

    /** Judges nothing: no policy set at hand. */
    public static final PolicyJudge NONE = new PolicyJudge(null, null, null, false);

    /** The fields of a first version that a different policy set must still give for a grant to stand. */
    private static final List<String> KEY = List.of("outcome", "rules", "grant", "selfApproval", "acceptsUnsigned",
            "status");
    /**
     * Fields of a first version that requests stored before they existed do not have: absent, they are
     * not compared (the hash chain over the first event already shows one removed later).
     */
    private static final List<String> SINCE = List.of("riskFactors", "riskUndetermined");

    private final Authorizer current;
    private final Directory directory;
    private final PolicyArchive archive;
    private final boolean gateway;

    private PolicyJudge(Authorizer current, Directory directory, PolicyArchive archive, boolean gateway) {
        this.current = current;
        this.directory = directory;
        this.archive = archive;
        this.gateway = gateway;
    }

    public static PolicyJudge acting(Authorizer current, Directory directory) {
        return new PolicyJudge(Objects.requireNonNull(current), Objects.requireNonNull(directory), null, false);
    }

    public static PolicyJudge gateway(Authorizer current, Directory directory) {
        return new PolicyJudge(Objects.requireNonNull(current), Objects.requireNonNull(directory), null, true);
    }

    public static PolicyJudge archive(PolicyArchive archive) {
        return new PolicyJudge(null, null, Objects.requireNonNull(archive), false);
    }

    /** What the policy says of unsigned actions on this request; null when no set at hand can say. */
    Boolean acceptsUnsigned(StoredRequest created) {
        if (archive != null) {
            return archive.policies(created.policyVersion()).map(a -> a.policySet().acceptsUnsigned(created.rules()))
                    .orElse(null);
        }
        return current == null ? null : current.policySet().acceptsUnsigned(created.rules());
    }

    /**
     * What is wrong with policy's decision on the request's first version ({@code createdTree}: as its
     * first event records it; {@code policyDecision}: policy's decision record, null when policy decided
     * nothing at once): made again with the policy set it names (or, at the gateway, the current one), it
     * must come out the same; null when it does. Pure in this judge's policy sets and the record: the same
     * record gets the same answer.
     */
    Finding decision(StoredRequest created, JsonNode createdTree, JsonNode policyDecision, Long sequence,
            String eventId) {
        if (current == null && archive == null) {
            return null;
        }
        String digest = created.policyVersion();
        Optional<Authorizer> set = archive != null ? archive.policies(digest)
                : digest != null && digest.equals(current.policySet().digest()) ? Optional.of(current) : Optional.empty();
        String problem = null;
        if (set.isPresent()) {
            problem = reproduce(set.get(), created, createdTree, policyDecision, true);
        } else if (archive != null) {
            problem = "policy decided it with policy set " + digest + ", which " + archive.where() + " does not hold";
        } else if (gateway) {
            String differs = reproduce(current, created, createdTree, policyDecision, false);
            problem = differs == null ? null : "policy decided it with policy set " + digest + ", and the current"
                    + " policies (" + current.policySet().digest() + ") decide it otherwise: " + differs;
        }
        return problem == null ? null : new Finding(sequence, eventId, problem);
    }

    /**
     * What is wrong with the requester's groups and attributes, per the directory: at the gateway the
     * current one (it may change at any time, so this is asked every time), else the one the request names.
     */
    Finding facts(StoredRequest created, Long sequence, String eventId) {
        if (current == null && archive == null) {
            return null;
        }
        String facts = facts(created);
        return facts == null ? null : new Finding(sequence, eventId, facts);
    }

    /** What is wrong with a person's group authority, per the directory their decision names; null when it holds. */
    String authority(JsonNode decision) {
        if (current == null && archive == null) {
            return null;
        }
        String authority = decision.path("authoritySource").asText();
        String group = authority.startsWith("group:") ? authority.substring(6)
                : authority.startsWith("escalation:group:") ? authority.substring(17) : null;
        if (group == null) {
            return null;
        }
        Optional<Directory> d = directoryFor(decision.path("metadata").path("directoryVersion").asText(null));
        if (d.isEmpty()) {
            return null;
        }
        String who = decision.path("approver").asText();
        boolean member = d.get().user(who).map(u -> u.groups().contains(group)).orElse(false);
        return member ? null : "decision " + decision.path("decisionId").asText() + ": " + who + " decided as a member"
                + " of group " + group + ", which the directory it names does not put them in";
    }

    private String reproduce(Authorizer a, StoredRequest created, JsonNode createdTree, JsonNode policyDecision,
            boolean exact) {
        AccessRequest asked = created.toAccessRequest(created.createdAt().atOffset(ZoneOffset.UTC));
        Decision d;
        try {
            d = a.decideAndRecord(asked);
        } catch (InvalidRequestException refused) {
            return "the policy set refuses the request: " + refused.getMessage();
        }
        StoredRequest expected = Creation.of(asked, d.evaluation(), created.createdAt(),
                a.policySet().acceptsUnsigned(d.evaluation().rules()), created.directoryVersion(),
                a.policySet().controls(d.evaluation().rules()));
        ObjectNode want = head(Json.mapper().valueToTree(expected));
        ObjectNode have = head(createdTree.deepCopy());
        List<String> fields = new ArrayList<>();
        want.fieldNames().forEachRemaining(fields::add);
        have.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        for (String f : fields) {
            if (SINCE.contains(f) && !have.has(f) && !have.has("riskFactors")) {
                continue;
            }
            if (f.equals("followUps") && !have.has(f)) {
                continue; // granted before follow-ups were tracked: its decision lists them, the request does not
            }
            if ((exact || KEY.contains(f)) && !canonical(want.get(f)).equals(canonical(have.get(f)))) {
                return "its " + f + " is " + canonical(have.get(f)) + " where the policy set gives " + canonical(want.get(f));
            }
        }
        if (exact) {
            ObjectNode record = d.record() == null ? null : Json.mapper().valueToTree(d.record());
            ObjectNode stored = policyDecision == null ? null : (ObjectNode) policyDecision.deepCopy();
            if ((record == null) != (stored == null)) {
                return record == null ? "it records a decision by policy where the policy set decides nothing at once"
                        : "the policy set decides it at once, and no decision by policy is recorded";
            }
            if (record != null && !canonical(strip(record)).equals(canonical(strip(stored)))) {
                return "the decision by policy is not the one the policy set makes";
            }
        }
        return null;
    }

    private String facts(StoredRequest created) {
        Optional<Directory> d;
        if (gateway) {
            d = Optional.of(directory);
        } else {
            d = directoryFor(created.directoryVersion());
            if (d.isEmpty() && archive != null && created.directoryVersion() != null) {
                return "the requester's groups and attributes came from directory " + created.directoryVersion()
                        + ", which " + archive.where() + " does not hold";
            }
        }
        if (d.isEmpty()) {
            return null;
        }
        Optional<Directory.User> u = d.get().user(created.requester());
        if (u.isEmpty()) {
            return null;
        }
        if (!same(u.get().groups(), created.groups()) || !same(u.get().attributes(), created.attributes())) {
            return "the requester's groups and attributes " + created.groups() + " " + created.attributes()
                    + " are not what the directory says: " + u.get().groups() + " " + u.get().attributes();
        }
        return null;
    }

    /** Equal as JSON: equal values are (the quick answer); unequal ones may still be, say 1 and 1L. */
    private static boolean same(Object a, Object b) {
        return Objects.equals(a, b)
                || canonical(Json.mapper().valueToTree(a)).equals(canonical(Json.mapper().valueToTree(b)));
    }

    private Optional<Directory> directoryFor(String digest) {
        if (digest == null) {
            return Optional.empty();
        }
        if (archive != null) {
            return archive.directory(digest);
        }
        return digest.equals(directory.digest()) ? Optional.of(directory) : Optional.empty();
    }

    private static ObjectNode head(ObjectNode n) {
        n.remove("eventSequence");
        n.remove("eventHash");
        n.remove("seal");
        n.remove("precedents"); // found by the service from its store, not given by policy
        return n;
    }

    private static ObjectNode strip(ObjectNode decision) {
        decision.remove("decisionId");
        decision.remove("seal");
        decision.remove("precedentIds");
        return decision;
    }

    private static String canonical(JsonNode n) {
        return n == null ? "absent" : EventChain.canonical(n);
    }
}
