package io.countersign.cli.audit;

import io.countersign.cli.text.JsonLine;
import io.countersign.lang.text.Escape;
import io.countersign.cli.request.InstantConverter;
import io.countersign.cli.request.Session;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign audit log}. */
@Command(name = "log",
        header = "Print the trail of lifecycle events, or JSON lines for a SIEM.",
        mixinStandardHelpOptions = true,
        description = {
            "Print the trail: every stored lifecycle event, each request's events together in sequence, requests",
            "in the order they were made. --output json prints one event envelope per line, exactly as stored and",
            "as notifiers deliver it (id, type, time, actor, requestId, sequence, data, prevHash, hash): JSON lines",
            "for a SIEM. --since keeps the events at or after an instant, for a collector that pulls what is new.",
            "It streams: one request's history at a time."},
        footer = {"",
            "Examples:",
            "  $ countersign audit log --since 2026-03-02T00:00:00Z",
            "  2026-03-02T09:00:00Z  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11  1  request.created    ivan",
            "  2026-03-02T09:10:00Z  1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11  2  decision.recorded  alice",
            "  ...",
            "  5 events",
            "  $ countersign audit log --output json >> trail.jsonl",
            "  {\"id\":\"...\",\"type\":\"request.created\",\"time\":\"2026-03-02T09:00:00Z\",\"actor\":\"ivan\",...}",
            "  ...",
            "",
            "Exit codes: 0 printed (even nothing), 2 bad input (a bad instant, a store that cannot be used)."})
public final class AuditLog extends TrailCommand {

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only events at or after this instant, with its offset: 2026-03-02T00:00:00Z.")
    OffsetDateTime since;

    /** Streamed, the lines cannot be measured first: the longest type there is sets the column. */
    private static final int TYPE_WIDTH = Arrays.stream(EventType.values()).mapToInt(t -> t.toString().length()).max()
            .orElse(0);

    private long events;

    @Override
    protected int execute() throws Exception {
        try (Session s = Session.reading(store.location())) {
            trail(s.store(), null).log(since == null ? null : since.toInstant(), this::print);
        }
        if (!json()) {
            out().println(events + (events == 1 ? " event" : " events"));
        }
        return 0;
    }

    private void print(Event e) {
        events++;
        if (json()) {
            out().println(JsonLine.of(e));
        } else {
            out().println(e.time().truncatedTo(ChronoUnit.SECONDS) + "  " + Escape.text(e.requestId()) + "  " + e.sequence()
                    + "  " + String.format("%-" + TYPE_WIDTH + "s", e.type()) + "  " + Escape.text(e.actor()));
        }
    }
}
