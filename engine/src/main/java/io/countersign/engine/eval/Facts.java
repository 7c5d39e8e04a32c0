package io.countersign.engine.eval;

import io.countersign.engine.request.AccessRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request as conditions see it: the attributes a path can name (LANGUAGE.md), with absent values
 * as {@link #ABSENT}. Also the fact the compiled Drools rules match on, which is why it has getters
 * and records the rules' findings: one object per decision, never shared between threads.
 */
public final class Facts {

    /** The value of a path the request does not have. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    private static final Map<String, String[]> SPLIT = new ConcurrentHashMap<>();

    private final String requester;
    private final List<String> groups;
    private final Set<String> groupSet;
    private final Map<String, Object> attributes;
    private final String profile;
    private final List<String> permissions;
    private final Duration duration;
    private final long durationNanos;
    private final String justification;
    private final String ticket;
    private final Map<String, Object> context;
    private final Instant at;
    private final Findings findings;

    /** @param at the request's instant, already decided (the request's {@code at}, or the clock) */
    public Facts(AccessRequest r, Instant at, Findings findings) {
        this.requester = r.requester();
        this.groups = r.groups();
        // Most requesters are in a handful of groups: a list is searched faster than a set is built.
        this.groupSet = r.groups().size() > 8 ? new HashSet<>(r.groups()) : null;
        this.attributes = r.attributes();
        this.profile = r.profile();
        this.permissions = r.permissions();
        this.duration = r.duration();
        this.durationNanos = nanos(r.duration());
        this.justification = r.justification();
        this.ticket = r.ticket();
        this.context = r.context();
        this.at = at;
        this.findings = findings;
    }

    /** The value a dotted path names, or {@link #ABSENT}. */
    public Object value(String path) {
        String[] parts = SPLIT.computeIfAbsent(path, p -> p.split("\\."));
        Object v = switch (parts[0]) {
            case "requester" -> parts.length == 1 ? requester : walk(attributes, parts);
            case "context" -> parts.length == 1 ? context : walk(context, parts);
            case "groups" -> groups;
            case "profile" -> profile;
            case "permissions" -> permissions;
            case "duration" -> duration;
            case "justification" -> justification;
            case "ticket" -> ticket;
            case "risk" -> findings.riskComputed() ? BigDecimal.valueOf(findings.riskScore()) : null;
            default -> null;
        };
        return v == null ? ABSENT : v;
    }

    private static Object walk(Map<String, Object> root, String[] parts) {
        Object v = root;
        for (int i = 1; i < parts.length; i++) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(parts[i]);
        }
        return v;
    }

    public String getRequester() {
        return requester;
    }

    public String getProfile() {
        return profile;
    }

    public List<String> getGroups() {
        return groups;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    /**
     * The requested duration in nanoseconds, for compiled rules that compare it with a literal. Not
     * whole seconds: a request may ask for {@code PT4H0.5S}, which is longer than {@code 4h}.
     */
    public long getDurationNanos() {
        return durationNanos;
    }

    /**
     * Nanoseconds, saturated at {@code Long.MAX_VALUE} (about 292 years): duration literals are at
     * most 100 years, so every comparison with one keeps its answer.
     */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    public Instant getAt() {
        return at;
    }

    public Findings getFindings() {
        return findings;
    }

    /** Whether the risk score is known: compiled rules that read {@code risk} wait for it. */
    public boolean isRiskKnown() {
        return findings.riskComputed();
    }

    /**
     * Whether the requester is in {@code group}. The hash codes are compared first: a group named in a
     * rule is a string of the knowledge base, cold at ten thousand rules, and comparing its hash (in the
     * string itself) before its characters (in an array of their own) saves a cache miss on every
     * group the requester is not in.
     */
    public boolean inGroup(String group) {
        if (groupSet != null) {
            return groupSet.contains(group);
        }
        int hash = group.hashCode();
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (g.hashCode() == hash && g.equals(group)) {
                return true;
            }
        }
        return false;
    }
}
