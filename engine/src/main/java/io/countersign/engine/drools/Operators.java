package io.countersign.engine.drools;

import io.countersign.engine.eval.CompiledCondition;
import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Tri;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.base.ValueResolver;
import org.drools.base.base.ValueType;
import org.drools.base.rule.accessor.Evaluator;
import org.drools.base.rule.accessor.FieldValue;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.compiler.rule.builder.EvaluatorDefinition;
import org.drools.drl.parser.impl.Operator;
import org.drools.mvel.evaluators.BaseEvaluator;
import org.drools.mvel.evaluators.VariableRestriction;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The constraint that records a match, and tests on the way what shared code evaluates better than
 * Drools: group membership, duration limits, windows, and the rest of the condition.
 *
 * <pre>
 *   this records 138                      records finding 138 ({@link Recording#pack}) as true, fails
 *   this records["hasGroup oncall &amp; atMost 14400000000000"] 138
 *                                         the same, when the checks hold
 *   this records["not hasGroup contractors &amp; condition 7"] 138
 *                                         when the checks hold, records condition 7's value unless false
 * </pre>
 *
 * <p>{@code records} ends every rule: the network reaches it only when every other constraint holds
 * (the equalities it hashes), it writes the finding and fails, so the match never becomes an
 * activation. An activation costs a tuple, the rule's session memory, agenda item and executor, its
 * terminal node and its definition — at ten thousand rules each a cache miss (docs/engine.md). The
 * checks ({@link Checks}) are written {@code [not] hasGroup NAME}, {@code [not] atMost N},
 * {@code [not] atLeast N} (nanoseconds) and {@code [not] inWindow ZONE DAYS START END}, joined by
 * {@code " & "}; as constraints of their own, each was an alpha node, its sink, its constraint object
 * and its literal, a chain of misses per conjunct for every request that reaches the rule. The last,
 * {@code condition N}, names the {@link CompiledCondition} the compiler made of what is left.</p>
 *
 * <p>Why not MVEL: Drools compiles every MVEL constraint into a class of its own once it has run
 * twenty times. With a rule per profile, each such class runs once every ten thousand decisions at
 * ten thousand rules: the JVM never compiles it, so every request ran one or two constraints in the
 * bytecode interpreter, on cold code — half of the evaluation. The records evaluator is one shared,
 * compiled class; what differs between rules is data. And Drools' parser takes time exponential in
 * the nesting of an MVEL expression, so a condition of a few dozen terms took minutes to build.</p>
 */
public final class Operators implements EvaluatorDefinition {

    private static final long serialVersionUID = 1L;

    static final String HAS_GROUP = "hasGroup";
    static final String AT_MOST = "atMost";
    static final String AT_LEAST = "atLeast";
    static final String IN_WINDOW = "inWindow";
    static final String CONDITION = "condition";
    static final String RECORDS = "records";

    // The parser recognises an operator only once it is in Drools' (global) registry.
    private static final Operator RECORDS_OPERATOR = Operator.addOperatorToRegistry(RECORDS, false);

    /** One evaluator per distinct text of checks, shared by the rules that write the same. */
    private final transient Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

    /** Group names and windows of the checks, one instance per value. */
    private final transient Map<Object, Object> shared = new ConcurrentHashMap<>();

    /** The conditions {@code condition N} names, by number. */
    private final transient List<CompiledCondition> conditions;

    /** @param conditions what the rules' {@code condition N} name ({@link DrlCompiler.Compiled#conditions}) */
    public Operators(List<CompiledCondition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    @Override
    public String[] getEvaluatorIds() {
        return new String[] {RECORDS};
    }

    /** A window as text: zone, day mask, start and end (zone ids hold no space). */
    static String windowText(CompiledWindow w) {
        return w.zone() + " " + w.days() + " " + w.start() + " " + w.end();
    }

    /**
     * The evaluator of {@code this records["..."] T}, as {@link DrlCompiler} writes the checks: joined
     * by {@code " & "}, each {@code [not ]hasGroup NAME} (NAME escaped by {@link #escape}),
     * {@code [not ]atMost N}, {@code [not ]atLeast N} (nanoseconds) or {@code [not ]inWindow W}, and
     * last, where the rule has more, {@code condition N}. Equal group names and equal windows become
     * one instance, shared by every rule that names them.
     */
    private Records records(Operator op, ValueType type, String parameter) {
        List<Checks.Check> checks = new ArrayList<>();
        CompiledCondition condition = null;
        for (String check : parameter == null ? new String[0] : unquote(parameter).split(" & ")) {
            boolean not = check.startsWith("not ");
            String[] parts = (not ? check.substring(4) : check).split(" ", 2);
            switch (parts[0]) {
                case HAS_GROUP -> checks.add(new Checks.Member((String) shared.computeIfAbsent(unescape(parts[1]),
                        g -> g), !not));
                case AT_MOST -> {
                    long n = Long.parseLong(parts[1]);
                    checks.add(not ? new Checks.Limit(n + 1, Long.MAX_VALUE) : new Checks.Limit(Long.MIN_VALUE, n));
                }
                case AT_LEAST -> {
                    long n = Long.parseLong(parts[1]);
                    checks.add(not ? new Checks.Limit(Long.MIN_VALUE, n - 1) : new Checks.Limit(n, Long.MAX_VALUE));
                }
                case IN_WINDOW -> checks.add(new Checks.During((CompiledWindow) shared.computeIfAbsent(
                        window(parts[1]), w -> w), !not));
                case CONDITION -> condition = conditions.get(Integer.parseInt(parts[1]));
                default -> throw new IllegalArgumentException("not a check: " + check);
            }
        }
        return new Records(type, op, Checks.of(checks), condition);
    }

    /** A group name as one token of a check: {@code %} and four hex digits for anything but [A-Za-z0-9_.:+-]. */
    static String escape(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.:+-".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append(String.format("%%%04X", (int) c));
            }
        }
        return b.toString();
    }

    static String unescape(String token) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '%') {
                b.append((char) Integer.parseInt(token.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public boolean isNegatable() {
        return false;
    }

    @Override
    public Evaluator getEvaluator(ValueType type, String id, boolean negated, String parameter) {
        return getEvaluator(type, id, negated, parameter, Target.FACT, Target.FACT);
    }

    @Override
    public Evaluator getEvaluator(ValueType type, String id, boolean negated, String parameter, Target left,
            Target right) {
        if (!id.equals(RECORDS) || negated) {
            throw new IllegalArgumentException("not a Countersign operator: " + (negated ? "not " : "") + id);
        }
        return evaluators.computeIfAbsent(parameter + " " + type, k -> records(RECORDS_OPERATOR, type, parameter));
    }

    @Override
    public Evaluator getEvaluator(ValueType type, Operator operator, String parameter) {
        return getEvaluator(type, operator.getOperatorString(), operator.isNegated(), parameter);
    }

    @Override
    public Evaluator getEvaluator(ValueType type, Operator operator) {
        return getEvaluator(type, operator, null);
    }

    @Override
    public boolean supportsType(ValueType type) {
        return true;
    }

    @Override
    public Target getTarget() {
        return Target.FACT;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
        // nothing but a cache of evaluators, rebuilt on demand
    }

    @Override
    public void readExternal(ObjectInput in) {
        // see writeExternal
    }

    /**
     * The text of a quoted parameter. The parser hands over the text between the brackets as written:
     * a string literal ({@link DrlCompiler#string}) whose characters outside printable ASCII, and the
     * slash, are unicode escapes.
     */
    static String unquote(String parameter) {
        String p = parameter == null ? "" : parameter.trim();
        if (p.length() < 2 || p.charAt(0) != '"' || p.charAt(p.length() - 1) != '"') {
            throw new IllegalArgumentException("a quoted parameter, not: " + parameter);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < p.length() - 1; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 5 < p.length() && p.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(p.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A window written as {@link #windowText}. */
    static CompiledWindow window(String text) {
        String[] parts = text.split(" ");
        return new CompiledWindow(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
    }

    /**
     * {@code this records T} and {@code this records["CHECKS"] T}: when every check holds (none
     * without a parameter), writes finding {@code T} (packed, {@link Recording#pack}) in the request's
     * findings — true, or the value of the condition when there is one and it is not false — and fails
     * either way. Evaluated only when every earlier constraint of the rule holds, so it records exactly
     * the matches; recording twice (a rule that reads {@code risk} is evaluated again after the update)
     * writes the same value. One evaluator per distinct text of checks, shared by the rules that write
     * the same (a group and a limit repeat across profiles), so it stays in cache.
     */
    private static final class Records extends BaseEvaluator {
        private static final long serialVersionUID = 1L;

        private final transient Checks checks;
        /** The rest of the rule's condition, or null. */
        private final transient CompiledCondition condition;

        Records(ValueType type, Operator op, Checks checks, CompiledCondition condition) {
            super(type, op);
            this.checks = checks;
            this.condition = condition;
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue target) {
            Facts facts = (Facts) handle.getObject();
            if (checks.hold(facts)) {
                int value = condition == null ? Tri.TRUE : condition.eval(facts);
                if (value != Tri.FALSE) {
                    Recording.record(facts.getFindings(), (int) target.getLongValue(), value);
                }
            }
            return false;
        }

        // The rules compare the request with literals, never two facts.
        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor left, FactHandle leftHandle, ReadAccessor right,
                FactHandle rightHandle) {
            throw new UnsupportedOperationException(RECORDS + " compares with a literal");
        }

        @Override
        public boolean evaluateCachedLeft(ValueResolver resolver, VariableRestriction.VariableContextEntry context,
                FactHandle right) {
            throw new UnsupportedOperationException(RECORDS + " compares with a literal");
        }

        @Override
        public boolean evaluateCachedRight(ValueResolver resolver, VariableRestriction.VariableContextEntry context,
                FactHandle left) {
            throw new UnsupportedOperationException(RECORDS + " compares with a literal");
        }

        // Alpha nodes are shared when their constraints are equal: two sets of checks must never be.
        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
