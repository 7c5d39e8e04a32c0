package io.countersign.engine.drools;

import io.countersign.engine.eval.Evaluator;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.KieServices;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.EvaluatorOption;
import org.kie.internal.io.ResourceFactory;

/**
 * Evaluates requests on the Drools knowledge base compiled from a policy set. Each thread reuses
 * its own session — insert the request, fire, record the risk score on it, fire again, delete —
 * which the stack measurements show is about three times faster than a stateless session, with a
 * far tighter tail. Matches are recorded as they come, by the rules' last constraint ({@code records}),
 * which fails: nothing is fired.
 */
public final class DroolsEvaluator implements Evaluator, AutoCloseable {

    private final PolicySet set;
    private final String drl;
    /** The policy of each risk factor and rule, for {@link #mask}: denser than the set's entries. */
    private final int[] riskPolicy;
    private final int[] rulePolicy;
    /** Whether any policy has a scope: otherwise every finding stands and {@link #mask} has nothing to do. */
    private final boolean anyScoped;
    private final java.util.Set<String> riskProfiles;
    private final InternalKnowledgeBase base;
    private final Prefetch prefetch;
    private final ThreadLocal<Worker> workers;
    /** Every session handed to a thread, so that {@link #close} can dispose of them all. */
    private final java.util.Set<KieSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public DroolsEvaluator(PolicySet set) {
        this.set = set;
        DrlCompiler.Compiled compiled = DrlCompiler.compile(set);
        this.drl = compiled.drl();
        this.riskProfiles = compiled.riskProfiles();
        base = build(drl, new Operators(compiled.conditions()));
        checkRules(base, compiled.targets());
        riskPolicy = set.riskFactors().stream().mapToInt(PolicySet.RiskEntry::policy).toArray();
        rulePolicy = set.rules().stream().mapToInt(PolicySet.RuleEntry::policy).toArray();
        anyScoped = set.unscopedPolicies().size() < set.policies().size();
        // A session belongs to one thread: Drools' locks and atomic state machine for sessions shared
        // between threads cost a fifth of the evaluation at 1,000 rules, for nothing.
        KieSessionConfiguration unshared = KieServices.get().newKieSessionConfiguration();
        unshared.setOption(ThreadSafeOption.NO);
        workers = ThreadLocal.withInitial(() -> {
            KieSession session = base.newKieSession(unshared, null);
            open.add(session);
            return new Worker(session);
        });
        prefetch = Prefetch.of(base, io.countersign.engine.eval.Facts.class, "profile");
    }

    /**
     * Touches the Drools objects a request for {@code profile} will read ({@link Prefetch}), while
     * the authorizer validates the request and builds its facts: those loads overlap with each
     * other and with that work, where Drools would wait for them one by one.
     */
    @Override
    public void expect(String profile) {
        if (profile != null && !closed) {
            workers.get().touched = prefetch.touch(profile);
        }
    }

    /**
     * Builds are made one at a time in the process. MVEL, which Drools parses DRL expressions with, keeps
     * parser state in statics: two knowledge bases built at once (an embedder loading two engines, a
     * reload beside a start) have failed to build a DRL that builds alone, with "unexpected end of
     * statement" or an index out of bounds inside MVEL. A build is rare and takes a fraction of a second;
     * deciding, which is what runs concurrently, takes no lock.
     */
    private static InternalKnowledgeBase build(String drl, Operators operators) {
        synchronized (BUILDING) {
            KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
            for (String id : operators.getEvaluatorIds()) {
                conf.setOption(EvaluatorOption.get(id, operators));
            }
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
            builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
            if (builder.hasErrors()) {
                // The checker accepted the set, so a DRL error is ours, never the author's.
                throw new IllegalStateException("internal error: the generated DRL does not build: " + builder.getErrors());
            }
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase();
            base.addPackages(builder.getKnowledgePackages());
            return base;
        }
    }

    private static final Object BUILDING = new Object();

    /**
     * A thread's session, and where it keeps what {@link Prefetch#touch} read: a store the compiler
     * must keep, so it keeps the loads, and into an object no other thread writes.
     */
    private static final class Worker {
        final KieSession session;
        int touched;

        Worker(KieSession session) {
            this.session = session;
        }
    }

    /** Every rule Drools built is one the compiler wrote, and the other way round. */
    private static void checkRules(InternalKnowledgeBase base, Map<String, DrlCompiler.Target> byName) {
        int count = 0;
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!byName.containsKey(r.getName())) {
                    throw new IllegalStateException("internal error: Drools built a rule the compiler did not write: "
                            + r.getName());
                }
                count++;
            }
        }
        if (count != byName.size()) {
            throw new IllegalStateException("internal error: " + byName.size() + " rules written, " + count + " built");
        }
    }

    /**
     * Declines every activation, which no rule should make: each ends with {@code records}, which
     * fails. Should one match anyway, the evaluation throws, and the authorizer denies.
     */
    private static final AgendaFilter NO_ACTIVATION = match -> {
        throw new IllegalStateException("internal error: rule " + match.getRule().getName() + " became an activation");
    };

    /** The table {@link #expect} touches; for tests. */
    Prefetch prefetch() {
        return prefetch;
    }

    /** The knowledge base; for tests. */
    InternalKnowledgeBase base() {
        return base;
    }

    /** The DRL this evaluator runs, for {@code policy compile --emit drl}. */
    public String drl() {
        return drl;
    }

    /**
     * Disposes of every thread's session. A gateway that reloads its policies closes the old
     * evaluator so its knowledge base is not kept alive by threads that live on; evaluating after
     * that throws, which the authorizer turns into a denial.
     */
    @Override
    public void close() {
        closed = true;
        for (KieSession s : open) {
            s.dispose();
        }
        open.clear();
    }

    @Override
    public void evaluate(Facts f) {
        if (closed) {
            throw new IllegalStateException("the policy set was closed");
        }
        Worker worker = workers.get();
        KieSession session = worker.session;
        Findings findings = f.getFindings();
        // Every match is recorded by its rule's last constraint while the request is inserted or
        // updated (Operators: records). Nothing fires: no consequence code runs.
        FactHandle request = session.insert(f);
        boolean clean = false;
        try {
            session.fireAllRules(NO_ACTIVATION);
            findings.computeRisk(set);
            // riskProfiles: null when a rule reading risk may match any profile, empty when none reads it.
            if (riskProfiles == null || riskProfiles.contains(f.getProfile())) {
                // The score is already in the findings, which isRiskKnown reads. Only riskKnown changed: rules that do not read risk (@watch(!*)) are not evaluated again.
                session.update(request, f, "riskKnown");
                session.fireAllRules(NO_ACTIVATION);
            }
            session.delete(request);
            clean = true;
        } finally {
            if (!clean) {
                // A session that failed half-way is not reused.
                open.remove(session);
                session.dispose();
                workers.remove();
            }
        }
        if (closed) {
            // close() may have disposed of this session while it ran (sessions are not thread-safe):
            // what it found then is not to be trusted.
            throw new IllegalStateException("the policy set was closed during the evaluation");
        }
        mask(f.getFindings());
    }

    /**
     * Rules of policies whose scope does not hold were evaluated anyway (the network does not know
     * scopes); they are not findings. Only hits are visited.
     */
    private void mask(Findings findings) {
        if (!anyScoped) {
            return;
        }
        Findings.Hits risks = findings.riskHits();
        for (int n = 0; n < risks.size(); n++) {
            int i = risks.get(n);
            if (findings.scope(riskPolicy[i]) != Tri.TRUE) {
                findings.risk(i, Tri.FALSE);
            }
        }
        Findings.Hits rules = findings.ruleHits();
        for (int n = 0; n < rules.size(); n++) {
            int i = rules.get(n);
            if (findings.scope(rulePolicy[i]) != Tri.TRUE) {
                findings.rule(i, Tri.FALSE);
            }
        }
        // Stage conditions are read only for the rules that decide, so theirs need no masking.
    }
}
