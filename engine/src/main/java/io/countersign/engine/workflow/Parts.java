package io.countersign.engine.workflow;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Store;
import java.time.Clock;
import java.time.Instant;

/**
 * What every transition works with: the policies, the store, the directory, the clock, and the shared
 * rules — eligibility, signatures, the retried conditional write.
 */
record Parts(Authorizer authorizer, Store store, Directory directory, Clock clock, Signing signing,
        Eligibility eligibility, Writes writes) {

    /**
     * The open stage of a pending request that may still be decided now.
     *
     * @throws RefusedException {@link Refusal#WRONG_STATE} when not pending, {@link Refusal#EXPIRED} past its expiry
     */
    static int requireOpen(StoredRequest cur, Instant now, String action) {
        if (cur.status() != RequestStatus.PENDING) {
            throw new RefusedException(Refusal.WRONG_STATE, "cannot " + action + ": the request is " + cur.status()
                    + ", not pending");
        }
        if (!now.isBefore(cur.expiresAt())) {
            throw new RefusedException(Refusal.EXPIRED, "cannot " + action + ": the request expired at "
                    + cur.expiresAt());
        }
        return cur.currentStage();
    }

    /** The level a decision on stage {@code si} has: an appeal's hearing overrides, the last stage is final. */
    static ApprovalLevel level(StoredRequest cur, int si) {
        StageState s = cur.stages().get(si);
        if (s.overrides() != null) {
            return ApprovalLevel.OVERRIDE;
        }
        int n = 0;
        for (StageState x : cur.stages()) {
            n += x.overrides() == null ? 1 : 0;
        }
        if (si == n - 1) {
            return ApprovalLevel.FINAL;
        }
        return si == 0 ? ApprovalLevel.INITIAL : ApprovalLevel.INTERMEDIATE;
    }
}
