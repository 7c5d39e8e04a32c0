package io.countersign.engine.decide;

import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.request.AccessRequest;
import java.time.Instant;

/**
 * From findings to an evaluation (LANGUAGE.md "How a decision is reached"): {@link DecisionProcedure}
 * walks the AST (the reference), {@link CompiledProcedure} reads outcomes compiled once (production).
 */
public interface Procedure {

    /** The evaluation of a request from what the evaluator found. */
    Evaluation decide(AccessRequest request, Facts facts, Findings findings, Instant at, String requestId);

    /** A request the evaluator could not finish: denied, never approved. */
    Evaluation failed(AccessRequest request, Instant at, String requestId, String why);
}
