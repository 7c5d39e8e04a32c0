package io.countersign.lang.ast;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;

/** {@code DAYS HH:MM-HH:MM (in "Zone")?}; an end not after the start spans midnight. */
public record Window(Days days, Literal.Time start, Literal.Time end, Optional<Literal.Str> zone, Loc loc) {

    /** The days a window is open, in the form written. */
    public sealed interface Days {
        Loc loc();

        /** The days denoted, in week order, without repetition. */
        List<DayOfWeek> expand();

        /** {@code daily}. */
        record Daily(Loc loc) implements Days {
            public List<DayOfWeek> expand() {
                return List.of(DayOfWeek.values());
            }
        }

        /** {@code weekdays}: Monday to Friday. */
        record Weekdays(Loc loc) implements Days {
            public List<DayOfWeek> expand() {
                return List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY);
            }
        }

        /** {@code weekends}: Saturday and Sunday. */
        record Weekends(Loc loc) implements Days {
            public List<DayOfWeek> expand() {
                return List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }

        /** {@code mon-fri, sun}: ranges may wrap ({@code fri-mon}). */
        record Listed(List<DayRange> ranges, Loc loc) implements Days {
            public Listed {
                ranges = List.copyOf(ranges);
            }

            public List<DayOfWeek> expand() {
                boolean[] on = new boolean[7];
                for (DayRange r : ranges) {
                    DayOfWeek d = r.from();
                    while (true) {
                        on[d.ordinal()] = true;
                        if (d == r.to()) {
                            break;
                        }
                        d = d.plus(1);
                    }
                }
                return java.util.Arrays.stream(DayOfWeek.values()).filter(d -> on[d.ordinal()]).toList();
            }
        }
    }

    /** {@code mon} (from = to) or {@code mon-fri}. */
    public record DayRange(DayOfWeek from, DayOfWeek to, Loc loc) {
        public boolean single() {
            return from == to;
        }
    }
}
