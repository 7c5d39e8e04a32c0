package io.countersign.server.api;

import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.UnknownRequestException;
import io.countersign.server.http.Problem;
import io.countersign.server.http.ProblemException;
import java.util.function.Supplier;

/** The engine's refusals as problem documents: 400 bad input, 404 unknown request, 409 refused with its code. */
final class Refusals {

    private Refusals() {
    }

    static <T> T mapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRequestException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
        } catch (UnknownRequestException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (RefusedException e) {
            throw new ProblemException(Problem.of(409, RefusalCode.of(e), "Refused", e.getMessage()));
        } catch (ConflictException e) {
            throw new ProblemException(Problem.of(409, "CONFLICT", "Conflict",
                    "the request changed while this action was being recorded; try again"));
        }
    }
}
