package io.countersign.server.http;

/** Ends a call with a problem document; thrown anywhere below a handler. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(Problem.of(400, code, "Bad request", detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "UNAUTHENTICATED", "Not authenticated", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "FORBIDDEN", "Not allowed", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "NOT_FOUND", "Not found", detail));
    }

    public Problem problem() {
        return problem;
    }
}
