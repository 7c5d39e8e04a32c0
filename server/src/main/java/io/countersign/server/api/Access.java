package io.countersign.server.api;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.server.engine.Generation;

/** The access question put to the engine. */
final class Access {

    private Access() {
    }

    static AccessAnswer check(Generation g, AccessApi.Question q) {
        return g.workflow().checkAccess(q.requester(), q.profile(), q.permissions(), q.at());
    }
}
