package io.countersign.server.api;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.Page;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.FollowUps;
import io.countersign.server.auth.Caller;
import io.countersign.server.auth.Scope;
import io.countersign.server.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * The follow-ups grants owe: the open ones (earliest due first, from the store's follow-up index), and
 * one marked done with evidence by the authenticated user — the requester or an approver — signed
 * over the statement served here when policy wants actions signed.
 */
public final class FollowUpsApi {


    private final Calls calls;

    public FollowUpsApi(Calls calls) {
        this.calls = calls;
    }

    /** What marks a follow-up done: the evidence, and the signature over its statement (or the instant to sign at). */
    public record DoneBody(List<String> evidence, Signature signature, Instant signedAt) {
    }

    /** A page of open follow-ups. */
    public record FollowUpsAnswer(String apiVersion, List<FollowUps.Open> items, String next) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/followups", this::list);
        routes.post("/v1/requests/{id}/followups/{n}/statement", this::statement);
        routes.post("/v1/requests/{id}/followups/{n}/done", this::done);
    }

    private void list(Context ctx) {
        calls.caller(ctx, Scope.LIFECYCLE);
        boolean overdue = Lifecycle.flag("overdue", ctx.queryParam("overdue"));
        String as = ctx.queryParam("as");
        int limit = Lifecycle.limit(ctx.queryParam("limit"));
        Page<FollowUps.Open> page = Lifecycle.withFacade(calls, cs -> {
            try {
                return cs.followUps(overdue, as, ctx.queryParam("cursor"), limit);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("INVALID_PARAMETER", "cursor: not a cursor this server gave");
            }
        });
        Calls.json(ctx, 200, new FollowUpsAnswer(Calls.API_VERSION, page.items(), page.next()));
    }

    private void statement(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        DoneBody b = calls.bodies().read(ctx, DoneBody.class);
        String id = followUp(ctx);
        Instant at = b.signedAt() != null ? b.signedAt() : calls.engine().clock().instant();
        Object out = Lifecycle.withFacade(calls, cs -> Refusals.mapped(() -> {
            Statement s = cs.followUpStatement(id, Lifecycle.actor(caller), b.evidence(), at);
            return new Actions.ToSign(Calls.API_VERSION, s, s.canonical());
        }));
        Calls.json(ctx, 200, out);
    }

    private void done(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        DoneBody b = calls.bodies().read(ctx, DoneBody.class);
        String id = followUp(ctx);
        StoredRequest out = Lifecycle.withFacade(calls, cs -> {
            String user = Lifecycle.actor(caller);
            Lifecycle.known(cs, user);
            Actor actor = b.signature() == null ? Actor.of(user) : Actor.of(user).signed(b.signature());
            return Refusals.mapped(() -> cs.followUpDone(id, actor, b.evidence()));
        });
        Calls.json(ctx, 200, new LifecycleApi.RequestAnswer(Calls.API_VERSION, out));
    }

    private static String followUp(Context ctx) {
        return FollowUps.id(ctx.pathParam("id"), number(ctx.pathParam("n")));
    }

    private static int number(String n) {
        try {
            int i = Integer.parseInt(n);
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("INVALID_PARAMETER", "n: a follow-up's number, from 1");
    }
}
