package io.countersign.engine.contract;

import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.PolicyHistory;
import io.countersign.engine.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store as every command opens it: sealed with a fresh key, its workflow checking the signatures of
 * the people {@link #signers()} names (their public keys in a {@code keys/} directory), and the policy
 * history the audit judges decisions against.
 */
public abstract class SealedWorkflowContract extends WorkflowContract {

    /** The store under test, sealed; {@code store} is the store beneath. */
    Store sealed;
    SealKeys seals;
    PublicKeys keys;
    PolicyHistory policies;

    /** The people whose public keys the workflow holds, by user name. */
    abstract Map<String, SigningKey> signers();

    @BeforeEach
    void openSealed(@TempDir Path repo) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        seals = SealKeys.of("k1", Map.of("k1", secret));
        sealed = SealedStore.over(store, seals);
        Path dir = Files.createDirectories(repo.resolve("keys"));
        for (Map.Entry<String, SigningKey> k : signers().entrySet()) {
            Files.writeString(dir.resolve(k.getKey() + ".pub"), k.getValue().publicPem());
        }
        keys = PublicKeys.load(dir);
        wf = new Workflow(TestPolicies.authorizer(), sealed, TestPolicies.directory(), keys, clock);
        policies = PolicyHistory.of(TestPolicies.policySet(), TestPolicies.directory(), TestPolicies.dir(), false);
    }

    @AfterEach
    void closePolicies() {
        policies.close();
    }
}
