package io.countersign.engine.transfer;

/** How many records an export holds: what its end line says, and what an import compares. */
public record ExportCounts(long requests, long decisions, long events) {

    public static final ExportCounts NONE = new ExportCounts(0, 0, 0);

    /** These counts and one more request with {@code decisions} decisions and {@code events} events. */
    public ExportCounts plus(long decisions, long events) {
        return new ExportCounts(requests + 1, this.decisions + decisions, this.events + events);
    }

    /** "3 requests, 4 decisions, 12 events". */
    @Override
    public String toString() {
        return requests + (requests == 1 ? " request, " : " requests, ") + decisions
                + (decisions == 1 ? " decision, " : " decisions, ") + events + (events == 1 ? " event" : " events");
    }
}
