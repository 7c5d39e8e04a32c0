package io.countersign.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.readout.Readout;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Page;
import io.countersign.engine.verify.Verdict;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentSummary;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.server.auth.Caller;
import io.countersign.server.auth.Scope;
import io.countersign.engine.Countersign;
import io.countersign.server.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * The request lifecycle: submit, list, show, the people's actions and the sweep. The acting user is
 * always the authenticated one, never a field of the body; a person unknown to the directory acts on nothing.
 */
public final class LifecycleApi {


    private final Calls calls;

    public LifecycleApi(Calls calls) {
        this.calls = calls;
    }

    /** A submission: the request, and the requester's signature over its statement when policy wants one. */
    public record Submission(AccessRequest request, Signature signature) {
    }

    /**
     * What a requester asks the statement of before signing a submission: the request (naming its id,
     * which the signature covers) and the instant it will be signed at (now unless told).
     */
    public record SubmissionBody(AccessRequest request, java.time.Instant signedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestAnswer(String apiVersion, StoredRequest request) {
    }

    public record ListAnswer(String apiVersion, List<StoredRequest> items, String next) {
    }

    /**
     * A request's record: its state, decisions (as read: with {@code notificationsSent} and {@code auditNotes}),
     * events, and whether the record verifies.
     */
    public record ShowAnswer(String apiVersion, StoredRequest request, List<ApprovalDecision> decisions,
            List<Event> events, Chain chain, PrecedentSummary precedents) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chain(boolean intact, String reason) {
    }

    public record SweepAnswer(String apiVersion, SweepReport report) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/requests", this::submit);
        routes.post("/v1/requests/statement", this::submission);
        routes.get("/v1/requests", this::list);
        routes.get("/v1/requests/{id}", this::show);
        routes.post("/v1/requests/{id}/statement", this::statement);
        for (Actions.Kind k : Actions.Kind.values()) {
            routes.post("/v1/requests/{id}/" + k.name().toLowerCase(Locale.ROOT), ctx -> act(ctx, k));
        }
        routes.post("/v1/sweep", this::sweep);
    }

    private void submit(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        Submission s = calls.bodies().read(ctx, Submission.class);
        if (s.request() == null) {
            throw ProblemException.badRequest("INVALID_FIELD", "request: required");
        }
        String actor = Lifecycle.actor(caller);
        AccessRequest asked = asked(s.request(), actor);
        StoredRequest stored = Lifecycle.withFacade(calls, cs -> {
            Lifecycle.known(cs, actor);
            boolean existed = asked.id() != null && calls.engine().store().get(asked.id()).isPresent();
            StoredRequest out = Refusals.mapped(() -> s.signature() == null ? cs.submit(asked) : cs.submit(asked, s.signature()));
            ctx.status(existed ? 200 : 201);
            return out;
        });
        Calls.json(ctx, ctx.statusCode(), new RequestAnswer(Calls.API_VERSION, stored));
    }

    /** The statement a requester signs to submit a request: served so that a client never rebuilds it. */
    private void submission(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        SubmissionBody b = calls.bodies().read(ctx, SubmissionBody.class);
        if (b.request() == null) {
            throw ProblemException.badRequest("INVALID_FIELD", "request: required");
        }
        if (b.request().id() == null) {
            throw ProblemException.badRequest("INVALID_FIELD", "request.id: required (a signature covers the id)");
        }
        AccessRequest asked = asked(b.request(), Lifecycle.actor(caller));
        java.time.Instant at = b.signedAt() != null ? b.signedAt() : calls.engine().clock().instant();
        Object out = Lifecycle.withFacade(calls, cs -> {
            Lifecycle.known(cs, asked.requester());
            io.countersign.engine.signing.Statement st = Refusals.mapped(() -> cs.submission(asked, at));
            return new Actions.ToSign(Calls.API_VERSION, st, st.canonical());
        });
        Calls.json(ctx, 200, out);
    }

    /** The request as its authenticated requester asks it: naming nobody else, claiming no groups or attributes. */
    private static AccessRequest asked(AccessRequest r, String actor) {
        if (r.requester() != null && !r.requester().equals(actor)) {
            throw ProblemException.forbidden(actor + " may not ask on behalf of " + r.requester());
        }
        if (!r.groups().isEmpty() || !r.attributes().isEmpty()) {
            // Who someone is comes from the directory, never from what they say of themselves.
            throw ProblemException.forbidden("groups and attributes come from the directory, not from the request");
        }
        return r.requester() != null ? r : r.toBuilder().requester(actor).build();
    }

    private void list(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        String status = ctx.queryParam("status");
        RequestStatus st = null;
        if (status != null) {
            try {
                st = RequestStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("INVALID_PARAMETER", "status: not a request status");
            }
        }
        int limit = Lifecycle.limit(ctx.queryParam("limit"));
        boolean inbox = Lifecycle.flag("inbox", ctx.queryParam("inbox"));
        RequestStatus fst = st;
        Page<StoredRequest> page = Lifecycle.withFacade(calls, cs -> {
            String requester = ctx.queryParam("requester");
            if (!inbox && requester == null && ctx.queryParam("profile") == null && fst == null) {
                requester = Lifecycle.actor(caller); // no filter: the caller's own requests, as the CLI's list
            }
            RequestFilter f = RequestFilter.of(inbox ? cs.inbox(Lifecycle.actor(caller)) : null, requester,
                    ctx.queryParam("profile"), fst);
            try {
                return f.page(calls.engine().store(), ctx.queryParam("cursor"), limit);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("INVALID_PARAMETER", "cursor: not a cursor this server gave");
            }
        });
        Calls.json(ctx, 200, new ListAnswer(Calls.API_VERSION, page.items(), page.next()));
    }

    private void show(Context ctx) {
        calls.caller(ctx, Scope.LIFECYCLE);
        String id = ctx.pathParam("id");
        ShowAnswer out = Lifecycle.withFacade(calls, cs -> {
            // The record as stored is what is verified; its decisions are shown as read, with what came after them.
            Readout read = Refusals.mapped(() -> cs.readout(id));
            History h = read.history();
            Verdict v = cs.verify(id, h);
            return new ShowAnswer(Calls.API_VERSION, h.request(), read.decisions(), h.events(),
                    new Chain(v.intact(), v.intact() ? null : v.reason()), PrecedentSummary.of(h.request().precedents()));
        });
        Calls.json(ctx, 200, out);
    }

    private void statement(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        Actions.Body act = calls.bodies().read(ctx, Actions.Body.class);
        String id = ctx.pathParam("id");
        Object out = Lifecycle.withFacade(calls, cs -> Refusals.mapped(() -> Actions.statement(cs, id, Lifecycle.actor(caller), act,
                calls.engine().clock().instant())));
        Calls.json(ctx, 200, out);
    }

    private void act(Context ctx, Actions.Kind kind) {
        Caller caller = calls.caller(ctx, Scope.LIFECYCLE);
        Actions.Body act = calls.bodies().read(ctx, Actions.Body.class);
        String id = ctx.pathParam("id");
        StoredRequest out = Lifecycle.withFacade(calls, cs -> {
            Lifecycle.known(cs, Lifecycle.actor(caller));
            return Refusals.mapped(() -> Actions.run(cs, kind, id, Lifecycle.actor(caller), act));
        });
        Calls.json(ctx, 200, new RequestAnswer(Calls.API_VERSION, out));
    }

    private void sweep(Context ctx) {
        calls.caller(ctx, Scope.ADMIN);
        SweepReport r = Lifecycle.withFacade(calls, Countersign::sweep);
        Calls.json(ctx, 200, new SweepAnswer(Calls.API_VERSION, r));
    }
}
