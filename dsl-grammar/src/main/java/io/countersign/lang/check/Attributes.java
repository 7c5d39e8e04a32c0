package io.countersign.lang.check;

import io.countersign.lang.ast.Path;
import java.util.List;
import java.util.Map;

/**
 * The attributes a path can name, and their types (LANGUAGE.md, "Attributes a path can name").
 * {@code requester.NAME} and {@code context.NAME...} are open: any name, any type.
 */
public final class Attributes {

    /** The roots, in the order messages list them. */
    public static final List<String> ROOTS = List.of("requester", "groups", "profile", "permissions", "duration",
            "justification", "ticket", "context", "risk");

    private static final Map<String, Type> CLOSED = Map.of(
            "groups", Type.listOf(Type.STRING),
            "profile", Type.STRING,
            "permissions", Type.listOf(Type.STRING),
            "duration", Type.DURATION,
            "justification", Type.STRING,
            "ticket", Type.STRING,
            "risk", Type.NUMBER);

    private Attributes() {
    }

    /** A path's type, or why it names nothing. */
    public sealed interface Typing {
        /** The path names an attribute of this type. */
        record Typed(Type type) implements Typing {
        }

        /** The path names nothing; the message says why. */
        record Unknown(String message) implements Typing {
        }
    }

    public static Typing typeOf(Path path) {
        String root = path.root();
        switch (root) {
            case "requester":
                return new Typing.Typed(path.fields().isEmpty() ? Type.STRING : Type.ANY);
            case "context":
                return new Typing.Typed(Type.ANY);
            default:
                Type t = CLOSED.get(root);
                if (t == null) {
                    return new Typing.Unknown("unknown attribute '" + root + "': a path starts with "
                            + String.join(", ", ROOTS.subList(0, ROOTS.size() - 1)) + " or risk");
                }
                if (!path.fields().isEmpty()) {
                    return new Typing.Unknown("'" + root + "' has no fields; only requester and context do");
                }
                return new Typing.Typed(t);
        }
    }
}
