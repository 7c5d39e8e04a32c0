package io.countersign.server;

import io.countersign.server.api.Calls;
import io.countersign.server.http.Problem;
import io.countersign.server.http.ProblemException;
import io.countersign.server.ops.JsonLog;
import io.countersign.server.ops.Metrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Around every handler: a request id (the client's {@code X-Request-Id} when it is a plain token, else a
 * fresh one) echoed in the answer and the log; a latency sample per endpoint; one JSON log line; and
 * every failure answered as a problem document, never a stack trace.
 */
final class Pipeline {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String STARTED = "countersign.started";
    /**
     * Where HEAD is answered: a load balancer's liveness check may use it, and "the process answers" is
     * all that route says. Not {@code /readyz}, whose check the router would skip.
     */
    private static final Set<String> HEAD_ROUTES = Set.of("/healthz");

    private Pipeline() {
    }

    static void install(RoutesConfig routes, Metrics metrics, JsonLog log) {
        routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            String given = ctx.header("X-Request-Id");
            String id = given != null && CLIENT_ID.matcher(given).matches() ? given : io.countersign.server.http.Ids.next();
            ctx.attribute(Calls.REQUEST_ID, id);
            ctx.header("X-Request-Id", id);
            // The router answers HEAD on a GET route itself, 200 without running the route: no token checked,
            // no record read, no readiness checked. Only the liveness route means what that says.
            if (ctx.method() == HandlerType.HEAD && !HEAD_ROUTES.contains(ctx.path())) {
                ctx.header("Allow", "GET");
                throw new ProblemException(Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                        "HEAD is not allowed on " + ctx.path() + ": use GET"));
            }
        });
        routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            long nanos = started == null ? 0 : System.nanoTime() - started;
            var matched = ctx.endpoints().matchedHttpEndpoint();
            String endpoint = matched == null ? "unmatched" : matched.path;
            metrics.latency(endpoint, ctx.statusCode(), nanos);
            if (!endpoint.equals("/metrics") && !endpoint.equals("/healthz") && !endpoint.equals("/readyz")) {
                log.request(Calls.requestId(ctx), ctx.method().name(), endpoint, ctx.statusCode(), nanos / 1000,
                        ctx.attribute(Calls.CALLER));
            }
        });
        routes.exception(ProblemException.class, (e, ctx) -> answer(ctx, e.problem(), metrics));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, Problem.of(e.getStatus(),
                code(e.getStatus()), "Request refused", e.getMessage()), metrics));
        routes.exception(Exception.class, (e, ctx) -> {
            log.warn("internal error", Map.of("requestId", String.valueOf(Calls.requestId(ctx)), "error", String.valueOf(e)));
            answer(ctx, Problem.of(500, "INTERNAL", "Internal error", "the server failed; the log says why under this request id"),
                    metrics);
        });
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                answer(ctx, Problem.of(404, "NOT_FOUND", "Not found", "no such endpoint: " + ctx.method() + " " + ctx.path()), metrics);
            }
        });
        routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                answer(ctx, Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed", ctx.method() + " is not allowed on " + ctx.path()), metrics);
            }
        });
    }

    /** The code of a refusal known only by its status (Javalin's, Jetty's). */
    static String code(int status) {
        return switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "HTTP_" + status;
        };
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/problem+json");
    }

    static void answer(Context ctx, Problem p, Metrics metrics) {
        Problem full = p.withRequestId(Calls.requestId(ctx));
        metrics.refusal(full.code());
        if (full.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        Calls.json(ctx, full.status(), full);
        ctx.contentType("application/problem+json");
    }
}
