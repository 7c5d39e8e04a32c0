package io.countersign.lsp.features;

import io.countersign.lang.ast.Path;
import io.countersign.lang.check.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each attribute of a request is, in the words of LANGUAGE.md, for hover and completion. */
final class Attributes {

    /** Root → what it reads. The order is the language reference's. */
    static final Map<String, String> ROOTS = new LinkedHashMap<>();

    static {
        ROOTS.put("requester", "who asks: the request's `requester` (a user id)");
        ROOTS.put("groups", "the requester's groups: the request's `groups`, or directory.yaml's");
        ROOTS.put("profile", "the role, account or resource asked for: the request's `profile`");
        ROOTS.put("permissions", "the permissions asked for: the request's `permissions`");
        ROOTS.put("duration", "how long access is asked for: the request's `duration`");
        ROOTS.put("justification", "why access is asked for: the request's `justification`");
        ROOTS.put("ticket", "the change or incident ticket: the request's `ticket`");
        ROOTS.put("context", "the request's `context` (mfa, device, on-call, incident, ...): write `context.NAME`");
        ROOTS.put("risk", "the sum of the matching risk factors, clamped to 0-100");
    }

    private Attributes() {
    }

    static String type(Path path) {
        io.countersign.lang.check.Attributes.Typing t = io.countersign.lang.check.Attributes.typeOf(path);
        if (t instanceof io.countersign.lang.check.Attributes.Typing.Typed typed) {
            Type type = typed.type();
            if (type.isAny()) {
                return "any value (open: its type is known only at run time)";
            }
            return path.root().equals("risk") ? "an integer 0-100" : type.describe();
        }
        return "unknown: " + ((io.countersign.lang.check.Attributes.Typing.Unknown) t).message();
    }

    static String meaning(Path path) {
        if (path.root().equals("requester") && !path.fields().isEmpty()) {
            return "the requester's attribute `" + String.join(".", path.fields()) + "`: the request's `attributes."
                    + String.join(".", path.fields()) + "`, or directory.yaml's";
        }
        if (path.root().equals("context") && !path.fields().isEmpty()) {
            return "the request's `context." + String.join(".", path.fields()) + "`";
        }
        return ROOTS.getOrDefault(path.root(), "not an attribute of a request");
    }
}
