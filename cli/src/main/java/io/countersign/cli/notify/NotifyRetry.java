package io.countersign.cli.notify;

import io.countersign.lang.text.Escape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.request.LifecycleCommand;
import io.countersign.cli.request.Session;
import io.countersign.engine.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign notify retry EVENT_ID}. */
@Command(name = "retry",
        header = "Put a dead letter back in the outbox.",
        mixinStandardHelpOptions = true,
        description = {
            "Put a dead letter back in the outbox with its attempts reset, once its receiver is fixed: the next",
            "notify run, or sweep with a notifier, delivers it to the notifiers that do not have it yet. Its",
            "request's later events were not held back for it, so a receiver gets it after them: order by",
            "sequence, de-duplicate by id."},
        footer = {"",
            "Example:",
            "  $ countersign notify retry 9b2e41c0-7d0e-4a55-b7f3-2f4c1d0e8a61",
            "  9b2e41c0-7d0e-4a55-b7f3-2f4c1d0e8a61 is back in the outbox",
            "  $ countersign notify run --notify webhook --until-idle",
            "",
            "Exit codes: 0 back in the outbox, 2 no dead letter has the id, or bad input (a store that cannot be used)."})
public final class NotifyRetry extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "EVENT_ID", description = "The dead letter's event id (notify failed lists them).")
    String eventId;

    @Override
    protected int execute() throws Exception {
        boolean requeued;
        try (Session s = Session.reading(store.location())) {
            requeued = s.store().retry(eventId.trim());
        }
        if (!requeued) {
            err().println("countersign: no dead letter has the event id '" + Escape.text(eventId)
                    + "' (notify failed lists them)");
            return BAD_INPUT;
        }
        if (json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("eventId", eventId.trim()).put("requeued", true);
            printJson(o);
        } else {
            out().println(Escape.text(eventId.trim()) + " is back in the outbox");
        }
        return 0;
    }
}
