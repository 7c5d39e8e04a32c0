package io.countersign.engine.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.countersign.engine.store.Archive;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The export format: UTF-8 JSON lines, one record a line, each with its {@code kind}.
 * <pre>
 * {"kind":"export","format":"countersign-store","version":1,"exportedAt":"..."}     first line
 * {"kind":"request","request":{...}}                                                 a request as stored
 * {"kind":"decision","requestId":"...","decision":{...}}                             its decisions, made order
 * {"kind":"event","requestId":"...","event":{...},"delivery":{...}}                  its events, in order
 * {"kind":"end","requests":N,"decisions":N,"events":N}                               last line
 * </pre>
 * A request's decisions and events follow its request line. {@code delivery} is present on an event
 * still owed to a notifier, or given up on ({@code "dead": true}). The end line's counts tell a whole
 * export from one cut short.
 */
final class ExportFormat {

    static final String FORMAT = "countersign-store";
    static final int VERSION = 1;

    static final String KIND = "kind";
    static final String HEADER = "export";
    static final String REQUEST = "request";
    static final String DECISION = "decision";
    static final String EVENT = "event";
    static final String END = "end";
    static final String REQUEST_ID = "requestId";
    static final String DELIVERY = "delivery";

    /** A line longer than this is refused: a record is far smaller, and a reader must not run out of memory. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    private ExportFormat() {
    }

    /** An event's delivery state as the event line holds it: the event is the line's own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"deliveredTo", "attempts", "nextAttempt", "lastError", "dead"})
    record Delivery(Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError, boolean dead) {
        Delivery {
            deliveredTo = deliveredTo == null ? Set.of() : new TreeSet<>(deliveredTo);
        }

        static Delivery of(Archive.Delivery d) {
            return new Delivery(d.deliveredTo(), d.attempts(), d.nextAttempt(), d.lastError(), d.dead());
        }

        Archive.Delivery of(String eventId) {
            return new Archive.Delivery(eventId, deliveredTo, attempts, nextAttempt, lastError, dead);
        }
    }
}
