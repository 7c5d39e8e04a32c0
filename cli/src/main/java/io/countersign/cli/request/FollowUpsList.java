package io.countersign.cli.request;

import io.countersign.engine.store.Page;
import io.countersign.engine.workflow.FollowUps;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign followups list [--overdue] [--as USER]}. */
@Command(name = "list",
        header = "List the follow-ups not yet done, earliest due first.",
        mixinStandardHelpOptions = true,
        description = {"List the follow-ups not yet done, earliest due first, from the store's follow-up index:",
            "each with its id (REQUEST-ID/N), what is owed, when it is due, and whose grant it came with."},
        footer = {"",
            "Example:",
            "  $ countersign followups list",
            "  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11/1: Add the break-glass session to the incident timeline",
            "    due 2026-03-04T10:05:00Z, ivan's breakglass-db",
            "  1 follow-up open",
            "  $ countersign followups list --overdue --as ivan",
            "  no follow-up overdue",
            "",
            "Exit codes: 0 listed, 2 bad input (policies, store)."})
public final class FollowUpsList extends LifecycleCommand {

    private static final int PAGE = 500;
    /** The largest page the server answers. */
    private static final int SERVER_PAGE = 200;

    @Option(names = "--overdue", description = "Only those past their due date.")
    boolean overdue;

    @Option(names = "--as", paramLabel = "USER",
            description = "Only those USER may mark done: follow-ups of USER's own grants and of grants USER approved.")
    String as;

    @CommandLine.Mixin
    PolicyOptions policies;

    @Override
    protected boolean servesRemotely() {
        return true;
    }

    @Override
    protected int execute() throws Exception {
        List<FollowUps.Open> all = new ArrayList<>();
        java.util.Optional<io.countersign.cli.client.ServerClient> client = remote();
        if (client.isPresent()) {
            String cursor = null;
            do {
                Page<FollowUps.Open> page = client.get().followUps(overdue, as, cursor, SERVER_PAGE);
                all.addAll(page.items());
                cursor = page.next();
            } while (cursor != null);
            return print(all);
        }
        try (Session s = Session.deciding(store.location(), policies.require(), err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            String cursor = null;
            do {
                Page<FollowUps.Open> page = s.countersign().followUps(overdue, as, cursor, PAGE);
                all.addAll(page.items());
                cursor = page.next();
            } while (cursor != null);
        }
        return print(all);
    }

    private int print(List<FollowUps.Open> all) throws Exception {
        if (json()) {
            printJson(all);
            return 0;
        }
        StringBuilder out = new StringBuilder();
        for (FollowUps.Open f : all) {
            out.append(RequestText.t(f.id())).append(": ").append(RequestText.t(f.action())).append('\n')
                    .append("  due ").append(RequestText.at(f.due())).append(f.overdue() ? " (overdue)" : "")
                    .append(", ").append(RequestText.t(f.requester())).append("'s ").append(RequestText.t(f.profile()))
                    .append('\n');
        }
        String what = overdue ? "overdue" : "open";
        out.append(all.isEmpty() ? "no follow-up " + what : all.size() + " follow-up" + (all.size() == 1 ? "" : "s")
                + " " + what).append('\n');
        out().print(out);
        return 0;
    }
}
