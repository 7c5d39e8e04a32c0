package io.countersign.cli.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.Countersign;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.FollowUps;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign followups done ID --evidence TEXT}. */
@Command(name = "done",
        header = "Mark a follow-up done, with evidence.",
        mixinStandardHelpOptions = true,
        description = {"Mark a follow-up done, with what shows it (links, ticket references): recorded as a",
            "followup.done event in the request's chain, signed with your key like a decision. The requester",
            "or anyone who approved the grant may; a follow-up is marked done once."},
        footer = {"",
            "Example:",
            "  $ countersign followups done 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11/1 --as ivan --evidence INC-7-timeline",
            "  ivan marked 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11/1 done: Add the break-glass session to the incident timeline",
            "    evidence: INC-7-timeline",
            "",
            "Exit codes: 0 marked done, 1 refused (may not, done already), 2 bad input (no such follow-up, no",
            "evidence)."})
public final class FollowUpsDone extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The follow-up's id (REQUEST-ID/N, as followups list shows it).")
    String id;

    @Option(names = "--evidence", paramLabel = "TEXT", required = true,
            description = "What shows it done: a link, a ticket reference (repeat for more).")
    List<String> evidence;

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Mixin
    SigningOptions signing;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected int execute() throws Exception {
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            return remotely(client.get());
        }
        String who = actor.require(policies.directory());
        FollowUps.Ref ref = FollowUps.parse(id);
        SigningKey key = signing.signer(store.home(), who);
        try (Session s = Session.deciding(store.location(), policies.require(), err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            Countersign cs = s.countersign();
            Actor by = Actor.of(who);
            if (key != null) {
                by = by.signed(key.sign(cs.followUpStatement(id, who, evidence, Instant.now())));
            }
            return print(cs.followUpDone(id, by, evidence), ref, who);
        }
    }

    /**
     * On a server: the token says who acts; {@code --as} (or COUNTERSIGN_USER) only finds the key that
     * signs, over the statement the server serves — checked to name this request, this action and user.
     */
    private int remotely(io.countersign.cli.client.ServerClient client) throws Exception {
        FollowUps.Ref ref = FollowUps.parse(id);
        String who = actor.present() ? actor.require() : null;
        SigningKey key = signing.signer(store.home(), who);
        Signature signature = null;
        if (key != null) {
            Instant now = Instant.now();
            String canonical = client.followUpStatement(ref, evidence, now);
            if (!marks(canonical, ref, who)) {
                err().println("countersign: the server's statement does not mark " + RequestText.t(id) + " done by "
                        + RequestText.t(who) + ": not signed");
                return BAD_INPUT;
            }
            signature = key.sign(canonical, now);
        }
        return print(client.followUpDone(ref, evidence, signature), ref, who != null ? who : "you");
    }

    /** Whether the server's statement marks exactly this follow-up done by {@code who} with this evidence. */
    private boolean marks(String canonical, FollowUps.Ref ref, String who) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(canonical);
        } catch (IOException e) {
            return false;
        }
        List<String> said = new java.util.ArrayList<>();
        n.path("evidenceProvided").forEach(e -> said.add(e.asText()));
        return "follow_up".equals(n.path("action").asText()) && ref.requestId().equals(n.path("requestId").asText())
                && who.equals(n.path("actor").asText())
                && FollowUps.id(ref.requestId(), ref.number()).equals(n.path("rationale").asText())
                && evidence.equals(said);
    }

    private int print(StoredRequest r, FollowUps.Ref ref, String who) throws Exception {
        if (json()) {
            printJson(r);
            return 0;
        }
        TrackedFollowUp f = r.trackedFollowUps().get(ref.number() - 1);
        out().println(RequestText.t(who) + " marked " + RequestText.t(id) + " done: " + RequestText.t(f.action()));
        out().println("  evidence: " + RequestText.join(", ", evidence));
        return 0;
    }
}
