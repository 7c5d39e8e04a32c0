package io.countersign.server.api;

import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.server.auth.Scope;
import io.countersign.server.engine.Engine;
import io.countersign.server.http.Problem;
import io.countersign.server.http.ProblemException;
import io.countersign.server.ops.Metrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (the store answers, the policies in force
 * loaded clean and the latest reload was not refused), {@code /metrics}, {@code /v1/openapi.json}, and
 * the admin's {@code POST /v1/admin/reload}.
 */
public final class OpsApi {

    private final Calls calls;
    private final byte[] openapi;

    public OpsApi(Calls calls) {
        this.calls = calls;
        try (InputStream in = OpsApi.class.getResourceAsStream("/io/countersign/server/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's jar");
            }
            this.openapi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json could not be read", e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> Calls.json(ctx, 200, Map.of("status", "ok")));
        routes.get("/readyz", this::ready);
        routes.get("/metrics", this::metrics);
        routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
        routes.post("/v1/admin/reload", this::reload);
    }

    private void ready(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ok = true;
        Engine engine = calls.engine();
        if (engine.store() != null) {
            try {
                engine.store().list(new Listing.ByStatus(RequestStatus.PENDING), null, 1);
                out.put("store", "ok");
            } catch (RuntimeException e) {
                out.put("store", "unreachable: " + e.getMessage());
                ok = false;
            }
        }
        Engine.Reload r = engine.lastReload();
        out.put("policyDigest", r.digest());
        out.put("policies", r.applied() ? "ok" : "reload refused: the previous set stays in force");
        if (!r.applied()) {
            out.put("errors", r.errors());
            ok = false;
        }
        out.put("status", ok ? "ready" : "not ready");
        Calls.json(ctx, ok ? 200 : 503, out);
    }

    private void metrics(Context ctx) {
        Metrics m = calls.metrics();
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(m.scrape());
    }

    private void reload(Context ctx) {
        calls.caller(ctx, Scope.ADMIN);
        Engine.Reload r = calls.engine().reload();
        calls.metrics().reload(r.applied());
        if (!r.applied()) {
            throw new ProblemException(Problem.of(422, "POLICY_ERRORS", "Policies refused",
                    "the new policy set has errors; the previous one stays in force").withErrors(r.errors()));
        }
        Calls.json(ctx, 200, Map.of("apiVersion", Calls.API_VERSION, "policyDigest", r.digest(), "errors", List.of()));
    }
}
