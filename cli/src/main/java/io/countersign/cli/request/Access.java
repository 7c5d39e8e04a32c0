package io.countersign.cli.request;

import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.access.AccessAnswer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign access --requester USER --profile PROFILE}. */
@Command(name = "access",
        header = "The gateway's question: may this person use this profile now?",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The gateway's question: may this person use this profile now? An active approved grant answers",
            "first, then policy's instant approval of a one-hour session in the request's --context (so a",
            "break-glass rule on context.incident grants here), then a pending request; otherwise",
            "denied. Prints allowed (until when, on which request, with which conditions), pending (which",
            "request waits) or denied (why)."},
        footer = {"",
            "Examples:",
            "  $ countersign access --requester ivan --profile prod-admin",
            "  allowed until 2026-03-02T11:15:00Z: approved request 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11",
            "    conditions: restricted_operations=[drop_database, delete_backup]",
            "    stipulations: Session is recorded",
            "  $ countersign access --requester ivan --profile prod-admin --at 2026-03-02T12:00:00Z --output json  # exit 1",
            "  {\"access\":\"denied\",\"permissions\":[],\"conditions\":{},\"stipulations\":[],\"reason\":\"...\"}",
            "",
            "Exit codes: 0 allowed, 1 pending or denied, 2 bad input."})
public final class Access extends LifecycleCommand {

    @Option(names = "--requester", paramLabel = "USER", required = true, description = "Who wants in.")
    String requester;

    @Option(names = "--profile", paramLabel = "PROFILE", required = true, description = "The profile.")
    String profile;

    @Option(names = "--permission", paramLabel = "PERMISSION", description = "A permission needed; repeat for more.")
    List<String> permissions = new ArrayList<>();

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Ask about another instant than now: 2026-03-02T12:00:00Z.")
    OffsetDateTime at;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "A fact of the request for policy's instant rules (incident=INC-7, mfa=true); repeat for more.")
    Map<String, String> context;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected int execute() throws Exception {
        AccessAnswer a;
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            a = client.get().access(requester, profile, permissions, OpenValueText.parse(spec, "--context", context),
                    at == null ? null : at.toInstant());
        } else {
            ActingUser.known(spec, "--requester", requester, policies.directory());
            try (Session s = Session.deciding(store.location(), policies.require(), err())) {
                if (s == null) {
                    return BAD_INPUT;
                }
                AccessQuestion q = AccessQuestion.of(requester, profile).withPermissions(permissions)
                        .withContext(OpenValueText.parse(spec, "--context", context));
                a = s.countersign().checkAccess(at == null ? q : q.at(at.toInstant()));
            }
        }
        if (json()) {
            printJson(a);
        } else {
            StringBuilder out = new StringBuilder();
            out.append(a.access());
            if (a.until() != null) {
                out.append(" until ").append(RequestText.at(a.until()));
            }
            out.append(": ").append(RequestText.t(a.reason())).append('\n');
            if (!a.permissions().isEmpty()) {
                out.append("  permissions: ").append(RequestText.join(", ", a.permissions())).append('\n');
            }
            if (!a.conditions().isEmpty()) {
                out.append("  conditions: ").append(RequestText.conditions(a.conditions())).append('\n');
            }
            if (!a.stipulations().isEmpty()) {
                out.append("  stipulations: ").append(RequestText.join("; ", a.stipulations())).append('\n');
            }
            out().print(out);
        }
        return a.allowed() ? 0 : REFUSED;
    }
}
