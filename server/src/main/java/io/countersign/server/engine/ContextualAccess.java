package io.countersign.server.engine;

import io.countersign.engine.Countersign;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The access question with the gateway's request context (an incident id, say). The facade's question
 * carries none; so when the facade finds no approved grant, policy's instant approval is asked again with
 * the context, as the workflow asks it (a session of {@link Workflow#ACCESS_CHECK_DURATION}), and it
 * answers before a pending request does — the workflow's order. Without context the facade's answer stands.
 */
public final class ContextualAccess {

    private ContextualAccess() {
    }

    public static AccessAnswer check(Countersign cs, AccessQuestion q, Map<String, Object> context, Instant now) {
        AccessAnswer a = cs.checkAccess(q);
        if (context.isEmpty() || a.allowed()) {
            return a;
        }
        Instant when = q.at().orElse(now);
        Evaluation e = cs.decide(AccessRequest.builder().requester(q.requester()).profile(q.profile())
                .permissions(q.permissions()).duration(Workflow.ACCESS_CHECK_DURATION).context(context)
                .at(when.atOffset(ZoneOffset.UTC)).build());
        if (!e.outcome().grants()) {
            return a;
        }
        return new AccessAnswer(AccessAnswer.Access.ALLOWED, null, when.plus(e.duration()), e.permissions(),
                e.conditions(), e.stipulations(), "approved at once by " + String.join(", ", e.rules()));
    }

}
