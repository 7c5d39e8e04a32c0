package io.countersign.engine.drools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.accessor.FieldValue;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.EntryPointNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.mvel.EvaluatorConstraint;
import org.drools.mvel.accessors.ClassFieldReader;

/**
 * The Drools objects that a request for a given profile will read, touched all at once as the
 * request arrives, before it is validated ({@link DroolsEvaluator#expect}).
 *
 * <p>At ten thousand rules those objects are cold, and Drools reads them one after another:
 * <ul>
 *   <li>the hash map's node, its key, the literal and its bytes;</li>
 *   <li>the profile's alpha node and its sink adapter;</li>
 *   <li>then, for each rule, its next alpha node, the constraint, its declarations, its literal and
 *       that literal's value.</li>
 * </ul>
 * Each read waits for the one before it, about ten memory latencies in a row. Here the same objects
 * are held in one table slot per profile, found by the request's profile hash, so their loads are
 * issued together and overlap. Drools' own walk then finds them in cache.
 *
 * <p>Touching only reads, so it cannot change a decision. A colliding hash or a network whose shape is
 * not the one described above only costs the loads. Each object is touched through the getter of the
 * field Drools reads, since an alpha node spans two cache lines and the line of its class word is not
 * the line of its constraint.
 */
final class Prefetch {

    /** Per slot: map node, key, literal, the profile's alpha node, its sink adapter. */
    private static final int HEAD = 5;
    /** Per rule after the profile: alpha node, constraint, declarations, literal, literal's value. */
    private static final int RULE = 5;
    /** Rules of one profile that are touched; Drools reads any others cold, as before. */
    private static final int RULES = 2;
    private static final int STRIDE = HEAD + RULE * RULES;

    /** Touches nothing: the network has no hashed profile equality. */
    static final Prefetch NONE = new Prefetch(new int[1], new Object[STRIDE]);

    private final int mask;
    private final int[] hashes;
    private final Object[] slots;

    private Prefetch(int[] hashes, Object[] slots) {
        this.mask = hashes.length - 1;
        this.hashes = hashes;
        this.slots = slots;
    }

    /**
     * The table for the hashed equalities on {@code field} of {@code type} in {@code base}, or
     * {@link #NONE} when Drools did not hash them (fewer profiles than its hashing threshold) or
     * keeps them in another kind of map.
     */
    static Prefetch of(InternalKnowledgeBase base, Class<?> type, String field) {
        Map<?, AlphaNode> hashed = null;
        for (EntryPointNode entry : base.getRete().getEntryPointNodes().values()) {
            for (ObjectTypeNode node : entry.getObjectTypeNodes().values()) {
                if (node.getObjectType().isAssignableFrom(type)
                        && node.getObjectSinkPropagator() instanceof CompositeObjectSinkAdapter adapter) {
                    hashed = adapter.getHashedSinkMap();
                }
            }
        }
        // The map's entries are the nodes Drools reads only in a java.util.HashMap.
        if (hashed == null || !(hashed instanceof HashMap)) {
            return NONE;
        }
        List<Object[]> routes = new ArrayList<>();
        for (Map.Entry<?, AlphaNode> e : hashed.entrySet()) {
            CompositeObjectSinkAdapter.HashKey key = (CompositeObjectSinkAdapter.HashKey) e.getKey();
            AlphaNode alpha = e.getValue();
            if (key.getObjectValue() instanceof String literal && on(alpha, field)) {
                routes.add(route(e, key, literal, alpha));
            }
        }
        if (routes.isEmpty()) {
            return NONE;
        }
        // At most three quarters full, so that a probe rarely goes past its first slot.
        int capacity = Integer.highestOneBit(routes.size() * 4 / 3) * 2;
        int[] hashes = new int[capacity];
        Object[] slots = new Object[capacity * STRIDE];
        for (Object[] route : routes) {
            int h = route[2].hashCode();
            int s = h & (capacity - 1);
            while (slots[s * STRIDE] != null) {
                s = (s + 1) & (capacity - 1);
            }
            hashes[s] = h;
            System.arraycopy(route, 0, slots, s * STRIDE, STRIDE);
        }
        return new Prefetch(hashes, slots);
    }

    private static boolean on(AlphaNode alpha, String field) {
        return alpha.getConstraint() instanceof IndexableConstraint c
                && c.getFieldExtractor() instanceof ClassFieldReader reader && reader.getFieldName().equals(field);
    }

    private static Object[] route(Object node, Object key, String literal, AlphaNode alpha) {
        Object[] route = new Object[STRIDE];
        ObjectSinkPropagator adapter = alpha.getObjectSinkPropagator();
        route[0] = node;
        route[1] = key;
        route[2] = literal;
        route[3] = alpha;
        route[4] = adapter;
        // Reading the sinks once here also settles an adapter's lazily built array before any request.
        ObjectSink[] sinks = adapter.getSinks();
        for (int k = 0, r = 0; k < sinks.length && r < RULES; k++) {
            if (sinks[k] instanceof AlphaNode next && next.getConstraint() instanceof EvaluatorConstraint c) {
                int b = HEAD + RULE * r++;
                FieldValue literalOfRule = c.getField();
                route[b] = next;
                route[b + 1] = c;
                route[b + 2] = c.getRequiredDeclarations();
                route[b + 3] = literalOfRule;
                route[b + 4] = literalOfRule == null ? null : literalOfRule.getValue();
            }
        }
        return route;
    }

    /**
     * Touches what a request for {@code profile} will read; the result is a value read from those
     * objects, which the caller stores so that the loads are not optimized away. Never throws: every
     * slot was filled with objects of the types read here.
     */
    int touch(String profile) {
        int b = slot(profile);
        if (b < 0) {
            return 0;
        }
        Object[] t = slots;
        // Independent loads: the processor issues them together.
        int x = ((Map.Entry<?, ?>) t[b]).getKey() == null ? 1 : 0;
        x += ((CompositeObjectSinkAdapter.HashKey) t[b + 1]).getIndex();
        x += ((String) t[b + 2]).length();
        x += ((AlphaNode) t[b + 3]).getObjectSinkPropagator() == null ? 1 : 0;
        x += ((ObjectSinkPropagator) t[b + 4]).getSinks() == null ? 1 : 0;
        for (int r = 0; r < RULES; r++) {
            int n = b + HEAD + RULE * r;
            if (t[n] == null) {
                break;
            }
            x += ((AlphaNode) t[n]).getConstraint() == null ? 1 : 0;
            x += ((EvaluatorConstraint) t[n + 1]).getField() == null ? 1 : 0;
            if (t[n + 2] != null) {
                x += ((Object[]) t[n + 2]).length;
            }
            if (t[n + 3] != null) {
                x += ((FieldValue) t[n + 3]).getValue() == null ? 1 : 0;
            }
            if (t[n + 4] instanceof Number v) {
                x += v.intValue();
            }
        }
        return x;
    }

    /** Where the objects for {@code profile} start in {@link #slots}, or -1. */
    private int slot(String profile) {
        int h = profile.hashCode();
        int s = h & mask;
        while (hashes[s] != h || slots[s * STRIDE] == null) {
            if (slots[s * STRIDE] == null) {
                return -1;
            }
            s = (s + 1) & mask;
        }
        return s * STRIDE;
    }

    /** How many profiles have their objects here. */
    int size() {
        int n = 0;
        for (int s = 0; s < hashes.length; s++) {
            n += slots[s * STRIDE] == null ? 0 : 1;
        }
        return n;
    }

    /**
     * The objects held for {@code profile}, in the order {@link #touch} reads them, or null: for tests
     * that hold this table to the network Drools built.
     */
    Object[] route(String profile) {
        int b = slot(profile);
        return b < 0 ? null : java.util.Arrays.copyOfRange(slots, b, b + STRIDE);
    }
}
