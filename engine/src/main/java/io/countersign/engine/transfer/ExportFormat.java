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
 * {"kind":"export","format":"countersign-store","version":2,"exportedAt":"..."}     first line
 * {"kind":"request","request":{...}}                                                 a request as stored
 * {"kind":"decision","requestId":"...","decision":{...}}                             its decisions, made order
 * {"kind":"event","requestId":"...","event":{...},"delivery":{...}}                  its events, in order
 * {"kind":"end","requests":N,"decisions":N,"events":N}                               last line
 * </pre>
 * A request's decisions and events follow its request line. {@code delivery} is the dispatcher's record
 * of the event: present on an event still owed to a notifier, given up on ({@code "dead": true}), or
 * delivered with a record of whom to ({@code "delivered": true}, version 2 on); an event without one was
 * delivered and no notifier has a record of it. The end line's counts tell a whole export from one cut
 * short.
 *
 * <p>Version 1 carried the delivery only of events owed or dead: its delivered events arrive with no
 * record of whom they went to. It is read as it is; version 2 differs in nothing else, so an owed or
 * dead event's line is the same in both.
 */
final class ExportFormat {

    static final String FORMAT = "countersign-store";
    static final int VERSION = 2;
    /** The oldest version this code reads. */
    static final int OLDEST = 1;

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

    /**
     * An event's delivery record as the event line holds it: the event is the line's own. {@code
     * delivered} is written only when true (null otherwise), so an owed or dead event's line reads as in
     * version 1.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"deliveredTo", "attempts", "nextAttempt", "lastError", "dead", "delivered"})
    record Delivery(Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError, boolean dead,
            Boolean delivered) {
        Delivery {
            deliveredTo = deliveredTo == null ? Set.of() : new TreeSet<>(deliveredTo);
            delivered = Boolean.TRUE.equals(delivered) ? Boolean.TRUE : null;
        }

        static Delivery of(Archive.Delivery d) {
            return new Delivery(d.deliveredTo(), d.attempts(), d.nextAttempt(), d.lastError(), d.dead(),
                    d.state() == Archive.State.DELIVERED);
        }

        /** The record for the event {@code eventId}; null when it says two things at once. */
        Archive.Delivery of(String eventId) {
            if (delivered != null && (dead || nextAttempt != null)) {
                return null;
            }
            return new Archive.Delivery(eventId, deliveredTo, attempts, nextAttempt, lastError,
                    delivered != null ? Archive.State.DELIVERED : dead ? Archive.State.DEAD : Archive.State.OWED);
        }
    }
}
