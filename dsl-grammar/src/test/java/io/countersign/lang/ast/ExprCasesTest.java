package io.countersign.lang.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Expr.Cases} is the exhaustive switch over the kinds of condition: every walk over conditions
 * implements it, so a new kind fails to compile wherever it is not handled. That holds only while
 * Cases has exactly one method per kind and each kind's {@code accept} calls its own.
 */
class ExprCasesTest {

    /** Every class that can be an Expr at run time: the permitted subclasses, through sealed interfaces. */
    private static Set<Class<?>> kinds(Class<?> sealed) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed()) {
                out.addAll(kinds(c));
            } else {
                assertTrue(c.isRecord() || Modifier.isFinal(c.getModifiers()),
                        c + " is open: a subclass of it would reach a case that does not name it");
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void casesHasOneMethodPerKindOfCondition() {
        Set<Class<?>> kinds = kinds(Expr.class);
        assertFalse(kinds.isEmpty());
        List<Class<?>> handled = new ArrayList<>();
        for (Method m : Expr.Cases.class.getDeclaredMethods()) {
            if (m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertFalse(m.isDefault(), m + " has a default: a kind could be left unhandled without a compile error");
            assertEquals(1, m.getParameterCount(), m::toString);
            handled.add(m.getParameterTypes()[0]);
        }
        assertEquals(kinds, new LinkedHashSet<>(handled), "Expr.Cases must name every kind of condition");
        assertEquals(kinds.size(), handled.size(), "a kind is named by two cases: " + handled);
    }

    @SuppressWarnings("unchecked")
    private static Expr.Cases<Void> proxy(java.lang.reflect.InvocationHandler handler) {
        return (Expr.Cases<Void>) Proxy.newProxyInstance(Expr.Cases.class.getClassLoader(),
                new Class<?>[] {Expr.Cases.class}, handler);
    }

    private static final String EVERY_KIND = """
            policy p {
              window biz = mon-fri 08:00-18:00 in "UTC"
              rule r {
                when (true and has context.x) or not requester in group "g" or now during biz
                  or now during weekends 00:00-12:00 or now between 2026-01-01 and 2026-02-01
                  or duration <= 4h or profile in ["a", "b"] or justification matches "x*"
                  or context.tags contains any ["a"]
                then approve
              }
            }
            """;

    @Test
    void eachKindIsHandedToItsOwnCase() {
        Parser.Result parsed = Parser.parse(new SourceFile("every.policy", EVERY_KIND));
        assertTrue(parsed.file().isPresent(), () -> parsed.diagnostics().toString());
        Expr when = parsed.file().get().policies().get(0).items().stream()
                .filter(Item.Rule.class::isInstance).map(Item.Rule.class::cast)
                .findFirst().orElseThrow().when().orElseThrow();

        Set<Class<?>> seen = new LinkedHashSet<>();
        List<String> wrong = new ArrayList<>();
        AtomicReference<Expr.Cases<Void>> cases = new AtomicReference<>();
        cases.set(proxy((proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "cases";
                    }
                    Object e = args[0];
                    if (method.getParameterTypes()[0] != e.getClass()) {
                        wrong.add(e.getClass().getSimpleName() + " went to " + method.getName());
                    }
                    seen.add(e.getClass());
                    if (e instanceof Expr.And a) {
                        a.operands().forEach(x -> x.accept(cases.get()));
                    } else if (e instanceof Expr.Or o) {
                        o.operands().forEach(x -> x.accept(cases.get()));
                    } else if (e instanceof Expr.Not n) {
                        n.operand().accept(cases.get());
                    }
                    return null;
                }));
        when.accept(cases.get());

        assertEquals(List.of(), wrong);
        assertEquals(kinds(Expr.class).stream().map(Class::getSimpleName).sorted().collect(Collectors.toList()),
                seen.stream().map(Class::getSimpleName).sorted().collect(Collectors.toList()),
                "the sample policy must hold every kind of condition: add the new one to EVERY_KIND");
    }
}
