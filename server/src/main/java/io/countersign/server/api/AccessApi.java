package io.countersign.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.server.auth.Caller;
import io.countersign.server.auth.Scope;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.server.http.Bodies;
import io.countersign.server.http.Problem;
import io.countersign.server.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /v1/access} and {@code /v1/access/batch}: the gateway's question, may this person use this profile now? */
public final class AccessApi {

    private final Calls calls;

    public AccessApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * The gateway's question.
     *
     * @param context what the gateway knows of the call (an incident id, say), for policy's instant approval
     * @param at another instant than now
     */
    public record Question(String requester, String profile, List<String> permissions, Map<String, Object> context,
            Instant at) {
        public Question {
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
            context = context == null ? Map.of() : context;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String apiVersion, String decisionId, AccessAnswer answer) {
    }

    public record Batch(List<JsonNode> questions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String decisionId, AccessAnswer answer, Problem problem) {
    }

    public record BatchAnswer(String apiVersion, List<Item> results) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/access", this::access);
        routes.post("/v1/access/batch", this::batch);
    }

    private void access(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.ACCESS);
        Question q = calls.bodies().read(ctx, Question.class);
        Item item = one(caller, q, "/v1/access");
        Calls.json(ctx, 200, new Answer(Calls.API_VERSION, item.decisionId(), item.answer()));
    }

    private void batch(Context ctx) {
        Caller caller = calls.caller(ctx, Scope.ACCESS);
        Batch batch = Bodies.convert(calls.bodies().tree(ctx), Batch.class, "body");
        if (batch.questions() == null || batch.questions().isEmpty() || batch.questions().size() > DecisionApi.MAX_BATCH) {
            throw ProblemException.badRequest("INVALID_FIELD", "questions: between 1 and " + DecisionApi.MAX_BATCH + " questions");
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < batch.questions().size(); i++) {
            questions.add(Bodies.convert(batch.questions().get(i), Question.class, "questions[" + i + "]"));
        }
        List<Item> out = new ArrayList<>();
        for (Question q : questions) {
            try {
                out.add(one(caller, q, "/v1/access/batch"));
            } catch (ProblemException e) {
                out.add(new Item(null, null, e.problem()));
            }
        }
        Calls.json(ctx, 200, new BatchAnswer(Calls.API_VERSION, out));
    }

    private Item one(Caller caller, Question q, String path) {
        if (calls.engine().store() == null) {
            throw new ProblemException(Problem.of(503, "NO_STORE", "No store", "this server decides only: it has no store"));
        }
        String id = io.countersign.server.http.Ids.next();
        AccessAnswer a;
        try {
            AccessQuestion question = AccessQuestion.of(q.requester(), q.profile()).withPermissions(q.permissions())
                    .withContext(q.context());
            a = calls.engine().facade().checkAccess(q.at() == null ? question : question.at(q.at()));
        } catch (IllegalArgumentException | io.countersign.engine.request.InvalidRequestException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
        }
        calls.metrics().decision("access", a.access().toString());
        if (calls.decisionLog() != null) {
            calls.decisionLog().log(id, path, caller.name(), q, a, calls.engine().facade().policyVersion(), calls.engine().clock().instant());
        }
        return new Item(id, a, null);
    }
}
