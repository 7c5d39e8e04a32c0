package io.countersign.server.api;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.countersign.engine.json.Json;
import io.countersign.server.auth.Authenticator;
import io.countersign.server.auth.Caller;
import io.countersign.server.auth.Scope;
import io.countersign.server.engine.Engine;
import io.countersign.server.http.Bodies;
import io.countersign.server.http.ProblemException;
import io.countersign.server.ops.DecisionLog;
import io.countersign.server.ops.Metrics;
import io.javalin.http.Context;
import java.util.Enumeration;

/**
 * What the handlers share: the engine, who is calling, bodies, metrics and the decision log.
 *
 * @param decisionLog none: decisions are not logged
 */
public record Calls(Engine engine, Authenticator auth, Bodies bodies, Metrics metrics, DecisionLog decisionLog) {

    public static final String API_VERSION = "v1";
    /** The attribute a request's id is kept under, for handlers and logs. */
    public static final String REQUEST_ID = "countersign.requestId";
    /** The attribute the authenticated caller is kept under, for the access log. */
    public static final String CALLER = "countersign.caller";

    /**
     * The caller, refused (401/403) unless they hold {@code scope}; a person only as a user of the
     * directory in force (fail closed: whoever the issuer vouches for is not thereby one of ours).
     */
    public Caller caller(Context ctx, Scope scope) {
        Caller c = auth.require(authorization(ctx), scope);
        ctx.attribute(CALLER, c.name());
        if (c.kind() == Caller.Kind.PERSON && engine.facade().directory().user(c.subject()).isEmpty()) {
            throw ProblemException.forbidden(c.subject() + " is not in the directory");
        }
        return c;
    }

    /** The one Authorization header: given twice, which one a proxy checked is anyone's guess, so neither counts. */
    private static String authorization(Context ctx) {
        Enumeration<String> all = ctx.req().getHeaders("Authorization");
        String first = all != null && all.hasMoreElements() ? all.nextElement() : null;
        if (all != null && all.hasMoreElements()) {
            throw ProblemException.unauthorized("more than one Authorization header");
        }
        return first;
    }

    public static String requestId(Context ctx) {
        return ctx.attribute(REQUEST_ID);
    }

    /** The answers' writer, made once: a call does not look up the mapper's configuration again. */
    private static final ObjectWriter WRITER = Json.mapper().writer();

    /** Answers {@code value} as JSON, written straight to bytes (no intermediate tree or string). */
    public static void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(WRITER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
