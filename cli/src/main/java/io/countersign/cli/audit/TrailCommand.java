package io.countersign.cli.audit;

import io.countersign.cli.request.LifecycleCommand;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.store.Store;

/**
 * What the audit commands share: the one place their {@link AuditTrail} is made, so that what it needs
 * to check beyond the store (such as the keys that signed decisions) is given to it once, for both.
 */
abstract class TrailCommand extends LifecycleCommand {

    /** The trail over {@code store}; with {@code keys} it checks people's signatures too. */
    AuditTrail trail(Store store, PublicKeys keys) {
        return keys == null ? new AuditTrail(store) : new AuditTrail(store, keys);
    }
}
