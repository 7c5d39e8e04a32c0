package io.countersign.cli.request;

import com.fasterxml.jackson.databind.node.TextNode;
import io.countersign.engine.Countersign;
import io.countersign.engine.json.Json;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.model.StoredRequest;
import java.nio.file.Path;
import java.util.UUID;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign request}: ask for access. */
@Command(name = "request",
        header = "Ask for access to a profile; policy decides at once or routes to approvers.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Ask for access to a profile. The policies decide at once (approved, possibly with conditions or",
            "fewer permissions, or denied) or route the request to approvers in stages; the request is",
            "stored either way. Prints the request's id and the outcome: for a pending request, the stage",
            "that waits and who may approve it. Groups and attributes of the requester (--as) come from",
            "the directory.yaml beside the policies. The request is signed with the requester's key (HOME/keys/USER.key,",
            "or --key) where they have one; a policy that does not say 'allow unsigned decisions' accepts only signed",
            "requests."},
        footer = {"",
            "Example:",
            "  $ countersign request --as ivan --profile prod-admin --duration 2h --ticket CHG-1 \\",
            "      --justification \"Rotate the database credentials\" --context mfa=true",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11: pending",
            "    ivan asks for prod-admin for 2h, ticket CHG-1: Rotate the database credentials",
            "    stage 1 of 1 waiting: 2 of group:sre-leads, escalates to group:security-oncall after 30m",
            "    expires: 2026-03-03T09:00:00Z",
            "",
            "Context values true, false and numbers are JSON scalars (mfa=true is the boolean); anything else",
            "is a string. Durations are written 1h30m or PT1H30M.",
            "",
            "The request keeps its precedents for its approvers ('show ID'): the most similar decided requests of",
            "its profile within COUNTERSIGN_PRECEDENT_WINDOW (default 90d), at most COUNTERSIGN_PRECEDENTS of them",
            "(default 10; 0 seeks none), chosen among its profile's newest COUNTERSIGN_PRECEDENT_CANDIDATES (100).",
            "",
            "Exit codes: 0 stored (whatever policy decided), 2 bad input (an invalid request names its field)."})
public final class Submit extends LifecycleCommand {

    @CommandLine.Mixin
    ActingUser actor;

    @Option(names = "--profile", paramLabel = "PROFILE", required = true, description = "The profile (role, account, resource).")
    String profile;

    @Option(names = "--duration", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
            description = "How long access should last once approved: 1h, 30m, PT2H.")
    Duration duration;

    @Option(names = "--permission", paramLabel = "PERMISSION", description = "A finer permission; repeat for more.")
    List<String> permissions = new ArrayList<>();

    @Option(names = "--justification", paramLabel = "TEXT", description = "Why.")
    String justification;

    @Option(names = "--ticket", paramLabel = "TICKET", description = "The ticket or change the work belongs to.")
    String ticket;

    @Option(names = "--start-at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Start later than approval: 2026-03-02T14:00:00Z.")
    OffsetDateTime startAt;

    @Option(names = "--context", paramLabel = "KEY=VALUE", description = "A fact for conditions (mfa=true, device=managed); repeat for more.")
    Map<String, String> context;

    @Option(names = "--id", paramLabel = "UUID", converter = RequestId.class,
            description = "The request's id, chosen by the caller (a UUID, such as $(uuidgen)): a retry with the same id"
                + " and the same request returns the stored one instead of making a second; the same id with another"
                + " request is refused. Without it the id is made here.")
    String id;

    @Option(names = {"-q", "--quiet"}, description = "Print only the id, for scripts: id=$(countersign request ... -q).")
    boolean quiet;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Mixin
    SigningOptions signing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        String requester = actor.require(policies.directory());
        if (startAt != null && startAt.toInstant().isBefore(Instant.now())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--start-at': "
                    + startAt.toInstant() + " is in the past; leave it out for access from approval on");
        }
        Path dir = policies.require();
        SigningKey key = signing.signer(store.home(), requester);
        // A signed request names its id before it is sent: the signature covers it.
        String requestId = id != null || key == null ? id : UUID.randomUUID().toString();
        AccessRequest request = AccessRequest.builder().id(requestId).requester(requester).profile(profile)
                .permissions(permissions).duration(duration).startAt(startAt).justification(justification)
                .ticket(ticket).context(OpenValueText.parse(spec, "--context", context)).build();
        PrecedentSettings precedents;
        try {
            precedents = PrecedentSettings.DEFAULT.withEnvironment(io.countersign.cli.Main.environment(spec));
        } catch (IllegalArgumentException e) {
            err().println("countersign: " + io.countersign.lang.text.Escape.text(e.getMessage()));
            return BAD_INPUT;
        }
        try (Session s = Session.deciding(store.location(), dir, err(), precedents)) {
            if (s == null) {
                return BAD_INPUT;
            }
            Countersign cs = s.countersign();
            return print(key == null ? cs.submit(request)
                    : cs.submit(request, key.sign(cs.submission(request, Instant.now()))));
        }
    }

    /**
     * On a server the token says who asks. Where the acting user (--as, COUNTERSIGN_USER) has a key here,
     * the request is signed over the statement the server serves, checked first to name this request and user.
     */
    private int remotely(io.countersign.cli.client.ServerClient client) throws Exception {
        String who = actor.present() ? actor.require() : null;
        SigningKey key = signing.signer(store.home(), who);
        String requestId = id != null || key == null ? id : UUID.randomUUID().toString();
        AccessRequest request = AccessRequest.builder().id(requestId).requester(key == null ? null : who)
                .profile(profile).permissions(permissions).duration(duration).startAt(startAt)
                .justification(justification).ticket(ticket).context(OpenValueText.parse(spec, "--context", context))
                .build();
        StoredRequest r;
        if (key == null) {
            r = client.submit(request);
        } else {
            Instant now = Instant.now();
            String canonical = client.submission(request, now);
            // The signer vouches for what they send: the statement must be a submission of exactly this request.
            String subject = Statement.submission(Json.mapper().valueToTree(request));
            if (!canonical.contains("\"action\":\"submit\"")
                    || !canonical.contains("\"requestId\":" + TextNode.valueOf(requestId))
                    || !canonical.contains("\"subject\":" + TextNode.valueOf(subject))
                    || !canonical.contains("\"actor\":" + TextNode.valueOf(who))) {
                err().println("countersign: the server's statement is not a submission of this request by "
                        + RequestText.t(who) + ": not signed");
                return BAD_INPUT;
            }
            r = client.submit(request, key.sign(canonical, now));
        }
        return print(r);
    }

    private int print(StoredRequest r) throws Exception {
        if (json()) {
            printJson(r);
        } else if (quiet) {
            out().println(r.id());
        } else {
            out().print(RequestText.of(r));
        }
        return 0;
    }
}
