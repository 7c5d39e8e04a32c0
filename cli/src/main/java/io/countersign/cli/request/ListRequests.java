package io.countersign.cli.request;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.store.Page;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign list}. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        header = "List requests: yours, someone's, by status or profile, or your inbox.",
        description = {"List requests, newest first, one page at a time: your own (--mine, the default), someone "
                + "else's (--requester), by --status or --profile, or your inbox (--inbox): the pending requests "
                + "whose open stage you may approve, by name or through a group in the directory.yaml beside the "
                + "policies. Filters combine: --status pending --profile prod-admin lists the pending requests "
                + "for prod-admin. The store keeps one index per kind of listing; with several filters the "
                + "narrowest index named is read (inbox, requester, profile, status) and the others filter it, "
                + "reading at most 10 of its pages for one page shown, so a page may hold fewer than --limit. "
                + "When there is more, the last line gives the cursor of the next page."},
        footer = {"",
            "Examples:",
            "  $ countersign list --inbox --as alice",
            "  ID                                    STATUS   REQUESTER  PROFILE     DURATION  CREATED               PRECEDENTS  NEXT",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11  pending  ivan       prod-admin  2h        2026-03-02T09:00:00Z  none        2 of group:sre-leads",
            "  $ countersign list --status pending --profile prod-admin",
            "  $ countersign list --status approved --limit 50 --output json",
            "  {\"items\":[{\"id\":\"...\",\"requester\":\"ivan\",...,\"status\":\"approved\",...}]}",
            "",
            "Exit codes: 0 listed (even when empty), 2 bad input (a bad cursor or option value)."})
public final class ListRequests extends LifecycleCommand {

    static final int MAX_LIMIT = 1000;

    @Option(names = "--mine", description = "Requests of the acting user (--as); the default without other filters.")
    boolean mine;

    @Option(names = "--requester", paramLabel = "USER", description = "Requests of USER.")
    String requester;

    @Option(names = "--status", paramLabel = "STATUS", converter = StatusConverter.class,
            description = "Requests in STATUS: pending, approved, denied, expired, cancelled, revoked.")
    RequestStatus status;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Requests for PROFILE.")
    String profile;

    @Option(names = "--inbox", description = "Pending requests the acting user (--as) may approve now, with what"
            + " their precedents say (similar past requests approved and denied; 'show ID' lists them).")
    boolean inbox;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N requests (1-1000; default: 20).")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Where the previous page ended.")
    String cursor;

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    protected int execute() throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--limit': " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        Page<StoredRequest> page;
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            // The server applies the same filters; without any it lists the token's user's own requests.
            java.util.Map<String, String> filters = new java.util.LinkedHashMap<>();
            if (requester != null) {
                filters.put("requester", requester);
            }
            if (profile != null) {
                filters.put("profile", profile);
            }
            if (status != null) {
                filters.put("status", status.toString());
            }
            if (inbox) {
                filters.put("inbox", "true");
            }
            page = client.get().list(filters, cursor, limit);
            return print(page);
        }
        FilteredListing listing = listing();
        try (Session s = Session.reading(store.location())) {
            try {
                page = listing.page(s.store(), cursor, limit);
            } catch (IllegalArgumentException e) {
                // The store names what it refused: a cursor it never gave out.
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--cursor': " + e.getMessage());
            }
        }
        return print(page);
    }

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    private int print(Page<StoredRequest> page) throws com.fasterxml.jackson.core.JsonProcessingException {
        if (json()) {
            printJson(page);
            return 0;
        }
        out().print(table(page.items(), inbox));
        if (page.next() != null) {
            out().println("more: --cursor " + page.next());
        }
        return 0;
    }

    private FilteredListing listing() {
        if (mine && requester != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mine and --requester both name the requester: give one");
        }
        if (inbox && status != null && status != RequestStatus.PENDING) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--inbox lists pending requests only: --status " + status + " would list none");
        }
        String who = mine || !inbox && requester == null && profile == null && status == null ? actor.require()
                : requester;
        List<String> principals = null;
        if (inbox) {
            Directory directory = policies.directory();
            String user = actor.require(directory);
            principals = new ArrayList<>();
            // The inbox keys the workflow writes (Workflow.principalsOf): the user, and each of their groups.
            principals.add("user:" + user);
            for (String g : directory.user(user).map(u -> u.groups()).orElse(List.of())) {
                principals.add("group:" + g);
            }
        }
        return FilteredListing.of(principals, who, profile, status);
    }

    /** @param precedents whether to show what the precedents say (an approver's inbox) */
    static String table(List<StoredRequest> items, boolean precedents) {
        if (items.isEmpty()) {
            return "no requests\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(precedents
                ? new String[] {"ID", "STATUS", "REQUESTER", "PROFILE", "DURATION", "CREATED", "PRECEDENTS", "NEXT"}
                : new String[] {"ID", "STATUS", "REQUESTER", "PROFILE", "DURATION", "CREATED", "NEXT"});
        for (StoredRequest r : items) {
            String[] row = {RequestText.t(r.id()), r.status().toString(), RequestText.t(r.requester()),
                RequestText.t(r.profile()),
                RequestText.duration(r.duration()), RequestText.at(r.createdAt()), RequestText.next(r)};
            if (precedents) {
                row = new String[] {row[0], row[1], row[2], row[3], row[4], row[5], PrecedentText.column(r), row[6]};
            }
            rows.add(row);
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
