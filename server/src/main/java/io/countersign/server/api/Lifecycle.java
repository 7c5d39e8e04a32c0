package io.countersign.server.api;

import io.countersign.engine.Countersign;
import io.countersign.server.auth.Caller;
import io.countersign.server.http.Problem;
import io.countersign.server.http.ProblemException;
import java.util.function.Function;

/** What the lifecycle's handlers ask alike: who acts, whether the directory knows them, a store, a page size. */
final class Lifecycle {

    /** The largest page a listing answers. */
    static final int MAX_LIMIT = 200;

    private Lifecycle() {
    }

    /** Whom a caller acts as: a person's user, an API token's subject. */
    static String actor(Caller c) {
        if (c.subject() == null) {
            throw ProblemException.forbidden("API token " + c.name() + " acts for nobody");
        }
        return c.subject();
    }

    /** A user the directory does not know acts on nothing: fail closed. */
    static void known(Countersign cs, String actor) {
        if (cs.directory().user(actor).isEmpty()) {
            throw ProblemException.forbidden(actor + " is not in the directory");
        }
    }

    /** Runs {@code call} on the engine's facade; 503 when this server decides only. */
    static <T> T withFacade(Calls calls, Function<Countersign, T> call) {
        if (calls.engine().store() == null) {
            throw new ProblemException(Problem.of(503, "NO_STORE", "No store", "this server decides only: it has no store"));
        }
        return call.apply(calls.engine().facade());
    }

    /** A query parameter that is a flag: absent or {@code false} is false, {@code true} true, anything else refused. */
    static boolean flag(String name, String text) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("INVALID_PARAMETER", name + ": true or false");
    }

    /** The {@code limit} query parameter: 50 when absent, else 1 to {@link #MAX_LIMIT}. */
    static int limit(String text) {
        if (text == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("INVALID_PARAMETER", "limit: a number from 1 to " + MAX_LIMIT);
    }
}
