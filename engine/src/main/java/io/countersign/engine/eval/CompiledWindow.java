package io.countersign.engine.eval;

import io.countersign.lang.ast.Window;
import java.time.Instant;

/** A window reduced to what {@link Ops#during} needs: zone, day mask, start and end in seconds of the day. */
public record CompiledWindow(String zone, int days, int start, int end) {

    public static CompiledWindow of(Window w) {
        return new CompiledWindow(w.zone().map(z -> z.value()).orElse("UTC"), Ops.dayMask(w.days().expand()),
                w.start().value().toSecondOfDay(), w.end().value().toSecondOfDay());
    }

    public int holds(Instant at) {
        return Ops.during(at, zone, days, start, end);
    }
}
