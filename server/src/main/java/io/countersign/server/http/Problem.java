package io.countersign.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem document, with Countersign's extensions: {@code code} (stable, for programs to
 * branch on: a refusal's code, or the kind of bad input) and {@code requestId}.
 *
 * @param type a URI naming the kind of problem ({@code https://countersign.io/problems/CODE})
 * @param errors the policy errors of a refused reload, one a line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String requestId,
        List<String> errors) {

    public static final String TYPE_BASE = "https://countersign.io/problems/";

    public Problem {
        Objects.requireNonNull(code, "code");
    }

    /** A problem of kind {@code code}. */
    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), title, status, detail,
                code, null, null);
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, code, id, errors);
    }

    public Problem withErrors(List<String> list) {
        return new Problem(type, title, status, detail, code, requestId, List.copyOf(list));
    }
}
