package io.countersign.engine.drools;

import io.countersign.engine.eval.Evaluator;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Evaluates requests on the Drools knowledge base compiled from a policy set. Each thread reuses
 * its own session — insert the request, fire, insert the risk score, fire, delete — which the stack
 * measurements show is about three times faster than a stateless session, with a far tighter tail.
 */
public final class DroolsEvaluator implements Evaluator {

    private final PolicySet set;
    private final String drl;
    private final InternalKnowledgeBase base;
    private final boolean readsRisk;
    private final ThreadLocal<KieSession> sessions;

    public DroolsEvaluator(PolicySet set) {
        this.set = set;
        this.drl = DrlCompiler.compile(set);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        if (builder.hasErrors()) {
            // The checker accepted the set, so a DRL error is ours, never the author's.
            throw new IllegalStateException("internal error: the generated DRL does not build: " + builder.getErrors());
        }
        base = KnowledgeBaseFactory.newKnowledgeBase();
        base.addPackages(builder.getKnowledgePackages());
        readsRisk = drl.contains("RiskScore( $risk");
        sessions = ThreadLocal.withInitial(base::newKieSession);
    }

    /** The DRL this evaluator runs, for {@code policy compile --emit drl}. */
    public String drl() {
        return drl;
    }

    @Override
    public void evaluate(Facts f) {
        KieSession session = sessions.get();
        FactHandle request = session.insert(f);
        FactHandle risk = null;
        boolean clean = false;
        try {
            session.fireAllRules();
            int score = f.getFindings().computeRisk(set);
            if (readsRisk) {
                risk = session.insert(new RiskScore(score));
                session.fireAllRules();
                session.delete(risk);
            }
            session.delete(request);
            clean = true;
        } finally {
            if (!clean) {
                // A session that failed half-way is not reused.
                session.dispose();
                sessions.remove();
            }
        }
        mask(f.getFindings());
    }

    /** Rules of policies whose scope does not hold were evaluated anyway; they are not findings. */
    private void mask(Findings findings) {
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            if (findings.scope(r.policy()) != Tri.TRUE) {
                findings.risk(r.index(), Tri.FALSE);
            }
        }
        for (PolicySet.RuleEntry r : set.rules()) {
            if (findings.scope(r.policy()) != Tri.TRUE) {
                findings.rule(r.index(), Tri.FALSE);
            }
        }
        for (PolicySet.StageEntry s : set.stageConditions()) {
            if (findings.scope(s.policy()) != Tri.TRUE) {
                findings.stage(s.index(), Tri.FALSE);
            }
        }
    }
}
