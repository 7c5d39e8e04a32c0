package io.countersign.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.reference.Explanation;
import io.countersign.engine.request.AccessRequest;
import io.countersign.server.auth.Caller;
import io.countersign.server.auth.Scope;
import io.countersign.server.http.Bodies;
import io.countersign.server.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/decide} and {@code /v1/decide/batch}: a request in, the policy set's evaluation out. */
public final class DecisionApi {

    /** The most requests one batch may carry. */
    public static final int MAX_BATCH = 1000;

    private final Calls calls;

    public DecisionApi(Calls calls) {
        this.calls = calls;
    }

    /** One answer: the evaluation, and on {@code ?explain=true} the rule-by-rule explanation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String apiVersion, String decisionId, Evaluation evaluation, Explanation explanation) {
    }

    /** A batch: the requests, answered in order. */
    public record Batch(List<JsonNode> requests) {
    }

    /** A batch's answers: each a decision, or the problem of that one item. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchAnswer(String apiVersion, List<Item> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String decisionId, Evaluation evaluation, Explanation explanation,
            io.countersign.server.http.Problem problem) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/decide", this::decide);
        routes.post("/v1/decide/batch", this::batch);
    }

    private void decide(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.DECIDE);
        AccessRequest request = calls.bodies().read(ctx, AccessRequest.class);
        boolean explain = explain(ctx);
        Item item = one(caller, request, explain, "/v1/decide");
        Calls.json(ctx, 200, new Answer(Calls.API_VERSION, item.decisionId(), item.evaluation(), item.explanation()));
    }

    private void batch(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.DECIDE);
        Batch batch = Bodies.convert(calls.bodies().tree(ctx), Batch.class, "body");
        if (batch.requests() == null || batch.requests().isEmpty() || batch.requests().size() > MAX_BATCH) {
            throw ProblemException.badRequest("INVALID_FIELD", "requests: between 1 and " + MAX_BATCH + " requests");
        }
        boolean explain = explain(ctx);
        // Every item is read before any is decided: a malformed batch is refused whole.
        List<AccessRequest> requests = new ArrayList<>();
        for (int i = 0; i < batch.requests().size(); i++) {
            requests.add(Bodies.convert(batch.requests().get(i), AccessRequest.class, "requests[" + i + "]"));
        }
        List<Item> out = new ArrayList<>();
        for (AccessRequest r : requests) {
            try {
                out.add(one(caller, r, explain, "/v1/decide/batch"));
            } catch (ProblemException e) {
                out.add(new Item(null, null, null, e.problem()));
            }
        }
        Calls.json(ctx, 200, new BatchAnswer(Calls.API_VERSION, out));
    }

    private Item one(Caller caller, AccessRequest request, boolean explain, String path) {
        String id = io.countersign.server.http.Ids.next();
        try {
            Evaluation e;
            Explanation x = null;
            if (explain) {
                x = calls.engine().facade().explain(request);
                e = x.evaluation();
            } else {
                e = calls.engine().facade().decide(request);
            }
            calls.metrics().decision("decide", e.outcome().toString());
            if (calls.decisionLog() != null) {
                calls.decisionLog().log(id, path, caller.name(), request, e, e.policyVersion(), calls.engine().clock().instant());
            }
            return new Item(id, e, x, null);
        } catch (io.countersign.engine.request.InvalidRequestException ex) {
            throw ProblemException.badRequest("INVALID_REQUEST", ex.getMessage());
        }
    }

    private static boolean explain(Context ctx) {
        return Lifecycle.flag("explain", ctx.queryParam("explain"));
    }
}
