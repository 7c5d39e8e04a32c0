package io.countersign.engine.drools;

import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Tri;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The operators of the plain constraints that are not equalities: group membership, duration
 * limits and windows; and the constraint that records a match.
 *
 * <pre>
 *   this hasGroup "oncall"                              requester in group "oncall"
 *   this not hasGroup "contractors"                     requester not in group "contractors"
 *   durationNanos atMost 14400000000000                 duration &lt;= 4h   (not atMost: &gt;)
 *   durationNanos atLeast 14400000000000                duration &gt;= 4h   (not atLeast: &lt;)
 *   at inWindow["Europe/Berlin 31 28800 68400"] true    now during business-hours (false: not during)
 *   this records 138                                    (last) records finding 138 = {@link Recording#pack}, fails
 *   this records["hasGroup oncall &amp; atMost 14400000000000"] 138
 *                                                       (last) the same, when the checks hold
 * </pre>
 *
 * <p>{@code records} ends every rule whose match is a plain true (nothing bound as {@code $t}): the
 * network reaches it only when every other constraint holds, it writes the finding and fails, so the
 * match never becomes an activation. An activation costs a tuple, the rule's session memory, agenda
 * item and executor, its terminal node and its definition — at ten thousand rules each a cache miss
 * (docs/engine.md). In such a rule the other operators are not constraints of their own but the
 * checks of {@code records} ({@link Checks}, written as above with {@code not} where negated and
 * {@code inWindow ZONE DAYS START END}): each constraint is an alpha node, its sink, its constraint
 * object and its literal, a chain of misses per conjunct for every request that reaches the rule.</p>
 *
 * <p>Why not MVEL: Drools compiles every MVEL constraint into a class of its own once it has run
 * twenty times. With a rule per profile, each such class runs once every ten thousand decisions at
 * ten thousand rules: the JVM never compiles it, so every request ran one or two constraints in the
 * bytecode interpreter, on cold code — half of the evaluation. A custom operator is evaluated by one
 * shared, compiled class; what differs between rules is data: the literal, and for windows the
 * evaluator itself (one per distinct window, with the zone resolved). The window parameter is written
 * like any policy string ({@link DrlCompiler#string}), so the slash of a zone is an escape there.
 */
public final class Operators implements EvaluatorDefinition {

    private static final long serialVersionUID = 1L;

    static final String HAS_GROUP = "hasGroup";
    static final String AT_MOST = "atMost";
    static final String AT_LEAST = "atLeast";
    static final String IN_WINDOW = "inWindow";
    static final String RECORDS = "records";

    // The parser recognises an operator only once it is in Drools' (global) registry.
    private static final Map<String, Operator> OPERATORS = Map.of(
            HAS_GROUP, Operator.addOperatorToRegistry(HAS_GROUP, false),
            "not " + HAS_GROUP, Operator.addOperatorToRegistry(HAS_GROUP, true),
            AT_MOST, Operator.addOperatorToRegistry(AT_MOST, false),
            "not " + AT_MOST, Operator.addOperatorToRegistry(AT_MOST, true),
            AT_LEAST, Operator.addOperatorToRegistry(AT_LEAST, false),
            "not " + AT_LEAST, Operator.addOperatorToRegistry(AT_LEAST, true),
            IN_WINDOW, Operator.addOperatorToRegistry(IN_WINDOW, false),
            "not " + IN_WINDOW, Operator.addOperatorToRegistry(IN_WINDOW, true),
            RECORDS, Operator.addOperatorToRegistry(RECORDS, false));

    /**
     * Evaluators hold no state but a window: rules that use the same operator (or window) share one
     * evaluator, which stays in cache.
     */
    private final transient Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

    /** Group names and windows of the checks, one instance per value. */
    private final transient Map<Object, Object> shared = new ConcurrentHashMap<>();

    @Override
    public String[] getEvaluatorIds() {
        return new String[] {HAS_GROUP, AT_MOST, AT_LEAST, IN_WINDOW, RECORDS};
    }

    /** The window parameter of {@code inWindow}: zone, day mask, start and end, as {@link DrlCompiler#string}. */
    static String windowParameter(CompiledWindow w) {
        return DrlCompiler.string(windowText(w));
    }

    /** A window as text: zone, day mask, start and end (zone ids hold no space). */
    static String windowText(CompiledWindow w) {
        return w.zone() + " " + w.days() + " " + w.start() + " " + w.end();
    }

    /**
     * The checks of {@code this records["..."] T}, as {@link DrlCompiler} writes them: joined by
     * {@code " & "}, each {@code [not ]hasGroup NAME} (NAME escaped by {@link #escape}),
     * {@code [not ]atMost N}, {@code [not ]atLeast N} (nanoseconds) or {@code [not ]inWindow W}.
     * Equal group names and equal windows become one instance, shared by every rule that names them.
     */
    private Checks checks(String parameter) {
        List<Checks.Check> checks = new ArrayList<>();
        for (String check : unquote(parameter).split(" & ")) {
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
                default -> throw new IllegalArgumentException("not a check: " + check);
            }
        }
        return Checks.of(checks);
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
        return true;
    }

    @Override
    public Evaluator getEvaluator(ValueType type, String id, boolean negated, String parameter) {
        return getEvaluator(type, id, negated, parameter, Target.FACT, Target.FACT);
    }

    @Override
    public Evaluator getEvaluator(ValueType type, String id, boolean negated, String parameter, Target left,
            Target right) {
        String key = (negated ? "not " : "") + id + "[" + parameter + "] " + type;
        return evaluators.computeIfAbsent(key, k -> create(type, id, negated, parameter));
    }

    private Evaluator create(ValueType type, String id, boolean negated, String parameter) {
        Operator op = OPERATORS.get(negated ? "not " + id : id);
        switch (id) {
            case HAS_GROUP:
                return new HasGroup(type, op, negated);
            case AT_MOST:
                return new AtMost(type, op, negated);
            case AT_LEAST:
                return new AtLeast(type, op, negated);
            case IN_WINDOW:
                return new InWindow(type, op, negated, window(unquote(parameter)));
            case RECORDS:
                if (negated) {
                    throw new IllegalArgumentException("records cannot be negated");
                }
                return new Records(type, op, parameter == null ? Checks.NONE : checks(parameter));
            default:
                throw new IllegalArgumentException("not a Countersign operator: " + id);
        }
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

    /** Literal constraints only: the rules compare the request with constants, never two facts. */
    private abstract static class Literal extends BaseEvaluator {
        private static final long serialVersionUID = 1L;

        final boolean negated;

        Literal(ValueType type, Operator op, boolean negated) {
            super(type, op);
            this.negated = negated;
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor left, FactHandle leftHandle, ReadAccessor right,
                FactHandle rightHandle) {
            throw new UnsupportedOperationException(getOperator() + " compares with a literal");
        }

        @Override
        public boolean evaluateCachedLeft(ValueResolver resolver, VariableRestriction.VariableContextEntry context,
                FactHandle right) {
            throw new UnsupportedOperationException(getOperator() + " compares with a literal");
        }

        @Override
        public boolean evaluateCachedRight(ValueResolver resolver, VariableRestriction.VariableContextEntry context,
                FactHandle left) {
            throw new UnsupportedOperationException(getOperator() + " compares with a literal");
        }
    }

    private static final class HasGroup extends Literal {
        private static final long serialVersionUID = 1L;

        HasGroup(ValueType type, Operator op, boolean negated) {
            super(type, op, negated);
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue group) {
            return ((Facts) handle.getObject()).inGroup((String) group.getValue()) != negated;
        }
    }

    private static final class AtMost extends Literal {
        private static final long serialVersionUID = 1L;

        AtMost(ValueType type, Operator op, boolean negated) {
            super(type, op, negated);
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue limit) {
            return (extractor.getWholeNumberValue(resolver, handle.getObject()) <= limit.getLongValue()) != negated;
        }
    }

    private static final class AtLeast extends Literal {
        private static final long serialVersionUID = 1L;

        AtLeast(ValueType type, Operator op, boolean negated) {
            super(type, op, negated);
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue limit) {
            return (extractor.getWholeNumberValue(resolver, handle.getObject()) >= limit.getLongValue()) != negated;
        }
    }

    /**
     * {@code this records T} and {@code this records["CHECKS"] T}: when every check holds (none
     * without a parameter), writes finding {@code T} (packed, {@link Recording#pack}) as true in the
     * request's findings, and fails either way. Evaluated only when every earlier constraint of the
     * rule holds, so it records exactly the matches; recording twice (a rule that reads {@code risk}
     * is evaluated again after the update) writes the same value. One evaluator per distinct text of
     * checks, shared by the rules that write the same (a group and a limit repeat across profiles), so
     * it stays in cache.
     */
    private static final class Records extends Literal {
        private static final long serialVersionUID = 1L;

        private final transient Checks checks;

        Records(ValueType type, Operator op, Checks checks) {
            super(type, op, false);
            this.checks = checks;
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue target) {
            Facts facts = (Facts) handle.getObject();
            if (checks.hold(facts)) {
                Recording.record(facts.getFindings(), (int) target.getLongValue(), Tri.TRUE);
            }
            return false;
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

    /** {@code at inWindow[W] b}: whether the request's instant is in W is b. */
    private static final class InWindow extends Literal {
        private static final long serialVersionUID = 1L;

        private final transient CompiledWindow window;

        InWindow(ValueType type, Operator op, boolean negated, CompiledWindow window) {
            super(type, op, negated);
            this.window = window;
        }

        @Override
        public boolean evaluate(ValueResolver resolver, ReadAccessor extractor, FactHandle handle, FieldValue expected) {
            boolean in = window.holds((Instant) extractor.getValue(resolver, handle.getObject())) == Tri.TRUE;
            return (in == expected.getBooleanValue()) != negated;
        }

        // Alpha nodes are shared when their constraints are equal: two windows must never be.
        @Override
        public boolean equals(Object o) {
            return o instanceof InWindow w && w.negated == negated && w.window.equals(window);
        }

        @Override
        public int hashCode() {
            return Objects.hash(negated, window);
        }
    }
}
