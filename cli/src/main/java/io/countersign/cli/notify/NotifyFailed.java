package io.countersign.cli.notify;

import io.countersign.lang.text.Escape;
import io.countersign.cli.request.LifecycleCommand;
import io.countersign.cli.request.Session;
import io.countersign.engine.event.Event;
import io.countersign.engine.store.OutboxEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign notify failed}. */
@Command(name = "failed",
        header = "List the dead letters: events a receiver refused or that failed too often.",
        mixinStandardHelpOptions = true,
        description = {
            "List the dead letters, oldest first: events the dispatcher gave up on because their receiver refused",
            "them (a 4xx, an SNS error that is not throttling) or they failed 8 times. A dead letter no longer holds",
            "back its request's later events. For each: the event id, when the event happened, its type, its",
            "request and sequence, the failed attempts and the last error. Put one back with notify retry."},
        footer = {"",
            "Example:",
            "  $ countersign notify failed",
            "  9b2e41c0-7d0e-4a55-b7f3-2f4c1d0e8a61  2026-03-02T09:00:00Z  request.created  "
                + "1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11#1  1 attempt  webhook: hooks.example.com answered 400",
            "  1 dead letter: countersign notify retry EVENT_ID puts one back in the outbox",
            "  $ countersign notify failed --output json",
            "  [{\"eventId\":\"...\",\"time\":\"2026-03-02T09:00:00Z\",\"type\":\"request.created\",...,\"attempts\":1,...}]",
            "",
            "Exit codes: 0 listed (even when there are none), 2 bad input (a bad option, a store that cannot be used)."})
public final class NotifyFailed extends LifecycleCommand {

    static final int MAX_LIMIT = 1000;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (1-1000; default: 50).")
    int limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * One dead letter as {@code --output json} prints it.
     *
     * @param time when the event happened
     * @param deliveredTo the notifiers that have it already: a retry delivers only to the others
     */
    record DeadLetter(String eventId, Instant time, String type, String requestId, long sequence, int attempts,
            String lastError, Set<String> deliveredTo) {

        static DeadLetter of(OutboxEntry entry) {
            Event e = entry.event();
            return new DeadLetter(e.id(), e.time(), e.type().toString(), e.requestId(), e.sequence(), entry.attempts(),
                    entry.lastError(), new TreeSet<>(entry.deliveredTo()));
        }
    }

    @Override
    protected int execute() throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--limit': " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        List<DeadLetter> dead;
        try (Session s = Session.reading(store.location())) {
            dead = s.store().deadLetters(limit).stream().map(DeadLetter::of).toList();
        }
        if (json()) {
            printJson(dead);
            return 0;
        }
        StringBuilder out = new StringBuilder();
        for (DeadLetter d : dead) {
            out.append(Escape.text(d.eventId())).append("  ").append(d.time().truncatedTo(ChronoUnit.SECONDS)).append("  ")
                    .append(d.type()).append("  ").append(Escape.text(d.requestId())).append('#').append(d.sequence()).append("  ")
                    .append(d.attempts()).append(d.attempts() == 1 ? " attempt" : " attempts");
            if (d.lastError() != null) {
                out.append("  ").append(Escape.text(d.lastError()));
            }
            out.append('\n');
        }
        if (dead.isEmpty()) {
            out.append("no dead letters\n");
        } else {
            out.append(dead.size()).append(dead.size() == 1 ? " dead letter" : " dead letters")
                    .append(dead.size() == limit ? " (the oldest " + limit + "; --limit for more)" : "")
                    .append(": countersign notify retry EVENT_ID puts one back in the outbox\n");
        }
        out().print(out);
        return 0;
    }
}
