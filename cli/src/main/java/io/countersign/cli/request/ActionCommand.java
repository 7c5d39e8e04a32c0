package io.countersign.cli.request;

import io.countersign.engine.Countersign;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.model.StoredRequest;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * A person acting on one request: who acts, which request, the policies that decide, the key that
 * signs. Prints what happened and the request as it now stands, or with {@code --output json} the
 * request as stored.
 */
abstract class ActionCommand extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Mixin
    SigningOptions signing;

    private SigningKey key;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected final int execute() throws Exception {
        check();
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            return remotely(client.get());
        }
        String who = actor.require(policies.directory());
        Path dir = policies.require();
        key = signing.signer(store.home(), who);
        try (Session s = Session.deciding(store.location(), dir, err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            Countersign cs = s.countersign();
            Act act = act(cs);
            Actor by = Actor.of(who);
            if (key != null) {
                // Signed now, over the statement the engine rebuilds to check it.
                by = by.signed(key.sign(cs.statement(id, who, act, Instant.now())));
            }
            StoredRequest r = cs.act(id, by, act);
            if (json()) {
                printJson(r);
            } else {
                out().println(headline(RequestText.t(who), r));
                out().print(RequestText.of(r));
            }
            return 0;
        }
    }

    /**
     * On a server: the token says who acts; {@code --as} (or COUNTERSIGN_USER) only finds the key that
     * signs, over the statement the server serves — checked to name this request, action and user.
     */
    private int remotely(io.countersign.cli.client.ServerClient client) throws Exception {
        Act act = act(null);
        com.fasterxml.jackson.databind.node.ObjectNode body = io.countersign.engine.json.Json.mapper().valueToTree(act.terms());
        if (act instanceof Act.Delegate d) {
            body.put("to", d.to());
        }
        if (act instanceof Act.Note n) {
            body = io.countersign.engine.json.Json.mapper().createObjectNode();
            body.put("text", n.text());
            if (n.decisionId() != null) {
                body.put("decisionId", n.decisionId());
            }
        }
        String who = actor.present() ? actor.require() : null;
        SigningKey k = signing.signer(store.home(), who);
        if (k != null) {
            Instant now = Instant.now();
            body.put("signedAt", now.toString());
            String canonical = client.statement(id, act.action().text(), body);
            String name = com.fasterxml.jackson.databind.node.TextNode.valueOf(id).toString();
            if (!canonical.contains("\"requestId\":" + name) || !canonical.contains("\"actor\":"
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(who).toString())) {
                err().println("countersign: the server's statement does not name request " + RequestText.t(id) + " and "
                        + RequestText.t(who) + ": not signed");
                return BAD_INPUT;
            }
            body.remove("signedAt");
            body.set("signature", io.countersign.engine.json.Json.mapper().valueToTree(k.sign(canonical, now)));
        }
        StoredRequest r = client.act(id, act.action().text(), body);
        if (json()) {
            printJson(r);
        } else {
            out().println(headline(RequestText.t(who != null ? who : "you"), r));
            out().print(RequestText.of(r));
        }
        return 0;
    }

    /** Checks the command's own options before anything is read; bad input throws a ParameterException. */
    void check() {
    }

    /**
     * The action to take, from the command's options; signed with the actor's key when they have one
     * (without, the engine accepts it only where policy allows unsigned decisions).
     */
    abstract Act act(Countersign cs);

    /** One line: what the action did. */
    abstract String headline(String actor, StoredRequest after);
}
