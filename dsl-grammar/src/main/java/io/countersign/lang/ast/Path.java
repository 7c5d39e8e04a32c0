package io.countersign.lang.ast;

import java.util.List;

/** {@code root(.field)*}, such as {@code requester.manager} or {@code context.device.posture}. */
public record Path(String root, List<String> fields, Loc loc) implements Operand {
    public Path {
        fields = List.copyOf(fields);
    }

    /** The path as written: {@code root.field.field}. */
    public String text() {
        return fields.isEmpty() ? root : root + "." + String.join(".", fields);
    }
}
