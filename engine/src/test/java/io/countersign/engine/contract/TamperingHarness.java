package io.countersign.engine.contract;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * A sealed workflow (no signers: the production profiles accept unsigned decisions) for tampering tests
 * that a store module writes against its own storage, past {@link RawRecords}: the audit as {@code
 * audit verify} runs it, over the sealed store.
 */
public abstract class TamperingHarness extends SealedWorkflowContract {

    @Override
    Map<String, SigningKey> signers() {
        return Map.of();
    }

    /** The sealed store the workflow writes through. */
    protected Store sealedStore() {
        return sealed;
    }

    /** The workflow as a new process opens it: nothing remembered from what this one read. */
    protected Workflow restarted() {
        return new Workflow(TestPolicies.authorizer(), sealed, TestPolicies.directory(), keys, clock);
    }

    /** The audit of every request, as {@code audit verify} without an id runs it. */
    protected AuditTrail audit() {
        return new AuditTrail(sealed, keys, PolicyJudge.archive(policies));
    }

    /** The audit's findings for one request. */
    protected List<AuditTrail.Finding> audit(String id) {
        return audit().verify(id);
    }
}
