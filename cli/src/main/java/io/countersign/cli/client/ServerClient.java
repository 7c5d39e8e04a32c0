package io.countersign.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.History;
import io.countersign.engine.json.Json;
import io.countersign.engine.workflow.FollowUps;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.workflow.Refusal;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.UnknownRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server's API as the lifecycle commands use it. A problem document becomes the exception the
 * engine would have thrown (a refusal with its code, bad input naming the field, an unknown request),
 * so the command prints and exits the same; a server that cannot be reached is a store problem (exit 2).
 */
public final class ServerClient {

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public StoredRequest submit(AccessRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("request", Json.mapper().valueToTree(request));
        return read(call("POST", "/v1/requests", body).path("request"), StoredRequest.class);
    }

    /** Submits a request with its requester's signature over {@link #submission}'s text. */
    public StoredRequest submit(AccessRequest request, Signature signature) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("request", Json.mapper().valueToTree(request));
        body.set("signature", Json.mapper().valueToTree(signature));
        return read(call("POST", "/v1/requests", body).path("request"), StoredRequest.class);
    }

    /** The canonical text of the statement a requester signs to submit {@code request} (naming its id). */
    public String submission(AccessRequest request, java.time.Instant signedAt) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("request", Json.mapper().valueToTree(request));
        body.put("signedAt", signedAt.toString());
        return call("POST", "/v1/requests/statement", body).path("canonical").asText();
    }

    /** A request's record as the server holds it, and whether the server found it to verify. */
    public record Shown(History history, boolean intact, String reason) {
    }

    public Shown show(String id) {
        JsonNode n = call("GET", "/v1/requests/" + enc(id), null);
        List<ApprovalDecision> decisions = new java.util.ArrayList<>();
        n.path("decisions").forEach(d -> decisions.add(read(d, ApprovalDecision.class)));
        List<Event> events = new java.util.ArrayList<>();
        n.path("events").forEach(e -> events.add(read(e, Event.class)));
        History h = new History(read(n.path("request"), StoredRequest.class), decisions, events);
        JsonNode chain = n.path("chain");
        return new Shown(h, chain.path("intact").asBoolean(false),
                chain.path("reason").isTextual() ? chain.path("reason").asText() : null);
    }

    /** The canonical text of the statement an action signs, as the server builds it. */
    public String statement(String id, String action, ObjectNode terms) {
        ObjectNode body = terms.deepCopy();
        body.put("action", action.toUpperCase(java.util.Locale.ROOT));
        return call("POST", "/v1/requests/" + enc(id) + "/statement", body).path("canonical").asText();
    }

    public StoredRequest act(String id, String action, ObjectNode body) {
        return read(call("POST", "/v1/requests/" + enc(id) + "/" + action, body).path("request"), StoredRequest.class);
    }

    public AccessAnswer access(String requester, String profile, List<String> permissions, Map<String, Object> context,
            java.time.Instant at) {
        ObjectNode body = Json.mapper().createObjectNode().put("requester", requester).put("profile", profile);
        permissions.forEach(body.putArray("permissions")::add);
        body.set("context", Json.mapper().valueToTree(context));
        if (at != null) {
            body.put("at", at.toString());
        }
        return read(call("POST", "/v1/access", body).path("answer"), AccessAnswer.class);
    }

    public SweepReport sweep() {
        return read(call("POST", "/v1/sweep", Json.mapper().createObjectNode()).path("report"), SweepReport.class);
    }

    public Page<StoredRequest> list(Map<String, String> filters, String cursor, int limit) {
        StringBuilder q = new StringBuilder("/v1/requests?limit=" + limit);
        filters.forEach((k, v) -> q.append('&').append(k).append('=').append(enc(v)));
        if (cursor != null) {
            q.append("&cursor=").append(enc(cursor));
        }
        JsonNode n = call("GET", q.toString(), null);
        List<StoredRequest> items = new java.util.ArrayList<>();
        n.path("items").forEach(i -> items.add(read(i, StoredRequest.class)));
        return new Page<>(items, n.path("next").isTextual() ? n.path("next").asText() : null);
    }

    /** One page of the follow-ups not done, earliest due first ({@code GET /v1/followups}). */
    public Page<FollowUps.Open> followUps(boolean overdue, String as, String cursor, int limit) {
        StringBuilder q = new StringBuilder("/v1/followups?limit=" + limit);
        if (overdue) {
            q.append("&overdue=true");
        }
        if (as != null) {
            q.append("&as=").append(enc(as));
        }
        if (cursor != null) {
            q.append("&cursor=").append(enc(cursor));
        }
        JsonNode n = call("GET", q.toString(), null);
        List<FollowUps.Open> items = new java.util.ArrayList<>();
        n.path("items").forEach(i -> items.add(read(i, FollowUps.Open.class)));
        return new Page<>(items, n.path("next").isTextual() ? n.path("next").asText() : null);
    }

    /** The canonical text of the statement that marks follow-up {@code ref} done, as the server builds it. */
    public String followUpStatement(FollowUps.Ref ref, List<String> evidence, java.time.Instant signedAt) {
        ObjectNode body = evidenceBody(evidence);
        body.put("signedAt", signedAt.toString());
        return call("POST", followUpPath(ref) + "/statement", body).path("canonical").asText();
    }

    /** Marks follow-up {@code ref} done as the token's user; {@code signature} null when unsigned. */
    public StoredRequest followUpDone(FollowUps.Ref ref, List<String> evidence, Signature signature) {
        ObjectNode body = evidenceBody(evidence);
        if (signature != null) {
            body.set("signature", Json.mapper().valueToTree(signature));
        }
        return read(call("POST", followUpPath(ref) + "/done", body).path("request"), StoredRequest.class);
    }

    private static ObjectNode evidenceBody(List<String> evidence) {
        ObjectNode body = Json.mapper().createObjectNode();
        evidence.forEach(body.putArray("evidence")::add);
        return body;
    }

    private static String followUpPath(FollowUps.Ref ref) {
        return "/v1/requests/" + enc(ref.requestId()) + "/followups/" + ref.number();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StoreException("the server " + base + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the server", e);
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new StoreException("the server " + base + " answered " + r.statusCode() + " with no JSON", e);
        }
        if (r.statusCode() >= 400) {
            throw problem(r.statusCode(), n);
        }
        return n;
    }

    private RuntimeException problem(int status, JsonNode p) {
        String code = p.path("code").asText("");
        String detail = p.path("detail").asText("the server refused (" + status + ")");
        if (status == 409) {
            try {
                return new RefusedException(Refusal.valueOf(code), detail);
            } catch (IllegalArgumentException notARefusal) {
                return new RefusedException(Refusal.CONTENTION, detail);
            }
        }
        if (status == 404 && code.equals("NOT_FOUND")) {
            int open = detail.indexOf('\'');
            int close = detail.lastIndexOf('\'');
            return new UnknownRequestException(open >= 0 && close > open ? detail.substring(open + 1, close) : detail);
        }
        if (status == 400) {
            return new InvalidRequestException("", detail);
        }
        return new StoreException("the server refused (" + status + " " + code + "): " + detail, null);
    }

    private static <T> T read(JsonNode n, Class<T> type) {
        try {
            return Json.mapper().treeToValue(n, type);
        } catch (IOException e) {
            throw new StoreException("the server's answer is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
