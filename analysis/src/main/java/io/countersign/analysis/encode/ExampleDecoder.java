package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.Model;
import com.microsoft.z3.SeqSort;
import io.countersign.engine.request.AccessRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A solver model as the request it describes: the example a finding or a diff shows. */
public final class ExampleDecoder {

    private final RequestSpace space;

    public ExampleDecoder(RequestSpace space) {
        this.space = space;
    }

    public AccessRequest decode(Model m) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> context = new LinkedHashMap<>();
        for (OpenVar v : space.open.values()) {
            int dot = v.path.indexOf('.');
            if (v.path.equals("context") || v.path.indexOf('.', dot + 1) >= 0) {
                continue; // the context itself, and nested fields: placed by their parents
            }
            Object value = value(m, v);
            if (value != null) {
                (v.path.startsWith("context.") ? context : attributes).put(v.path.substring(dot + 1), value);
            }
        }
        OpenVar root = space.open.get("context");
        if (root != null && context.isEmpty() && bool(m, root.otherKeys)) {
            context.put("other", "x");
        }
        long nanos = integer(m, space.duration).longValueExact();
        long at = integer(m, space.instant.at()).longValueExact();
        return new AccessRequest(null, string(m, space.requester), list(m, space.groups), attributes,
                string(m, space.profile), list(m, space.permissions), Duration.ofNanos(nanos), null,
                bool(m, space.hasJustification) ? string(m, space.justification) : null,
                bool(m, space.hasTicket) ? string(m, space.ticket) : null, context,
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), ZoneOffset.UTC));
    }

    private Object value(Model m, OpenVar v) {
        int kind = integer(m, v.kind).intValueExact();
        return switch (kind) {
            case OpenVar.STRING -> string(m, v.string);
            case OpenVar.NUMBER -> new BigDecimal(integer(m, v.number), space.numberDigits()).stripTrailingZeros();
            case OpenVar.BOOLEAN -> bool(m, v.bool);
            case OpenVar.LIST -> list(m, v.list);
            case OpenVar.MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (OpenVar c : v.children) {
                    Object x = value(m, c);
                    if (x != null) {
                        map.put(c.path.substring(v.path.length() + 1), x);
                    }
                }
                if (map.isEmpty() && bool(m, v.otherKeys)) {
                    map.put("other", "x");
                }
                yield map;
            }
            default -> null;
        };
    }

    private List<String> list(Model m, ListVar l) {
        Set<String> out = new LinkedHashSet<>();
        l.members.forEach((name, b) -> {
            if (bool(m, b)) {
                out.add(name);
            }
        });
        boolean extra = false;
        for (ListVar.Symbolic s : l.symbolic) {
            if (bool(m, l.extra(s))) {
                out.add(string(m, s.value()));
                extra = true;
            }
        }
        if (bool(m, l.other) && !extra) {
            String fresh = "other";
            for (int i = 2; out.contains(fresh) || l.members.containsKey(fresh); i++) {
                fresh = "other-" + i;
            }
            out.add(fresh);
        }
        return new ArrayList<>(out);
    }

    static boolean bool(Model m, BoolExpr b) {
        return m.eval(b, true).isTrue();
    }

    static BigInteger integer(Model m, Expr<?> e) {
        return ((IntNum) m.eval(e, true)).getBigInteger();
    }

    static String string(Model m, Expr<SeqSort<CharSort>> e) {
        return unescape(m.eval(e, true).getString());
    }

    /** Z3 prints characters outside printable ASCII as backslash-u-{hex}; everything else is itself. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 2 < s.length() && s.charAt(i + 1) == 'u' && s.charAt(i + 2) == '{') {
                int close = s.indexOf('}', i);
                b.appendCodePoint(Integer.parseInt(s.substring(i + 3, close), 16));
                i = close;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
