package io.countersign.analysis.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Model;
import io.countersign.analysis.encode.ExampleDecoder;
import io.countersign.analysis.encode.RequestSpace;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.RequestValidation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Questions about one request space, with the models found so far kept as witnesses: a question
 * that an earlier model already answers "yes" costs an evaluation, not a solver call. Most of a lint
 * run's questions ("can this rule fire?", "can it decide?") are answered so.
 */
public final class Questions {

    private static final int WITNESSES = 64;

    /**
     * How much work (Z3's resource count) a readable example may cost before the model as found is
     * taken: the narrowing to mentioned strings and short words is a string-theory question of its
     * own, which took seconds for some questions; past this the example reads worse but is as valid,
     * and is replayed through the evaluator the same. About a second of solver time at most; a
     * count rather than a time so that a busy machine shows the same example.
     */
    static final long READABLE_WORK = 3_000_000L;

    private final Analysis analysis;
    private final RequestSpace space;
    private final ExampleDecoder decoder;
    private final Deque<Model> witnesses = new ArrayDeque<>();
    private long solved;
    private long witnessed;

    public Questions(Analysis analysis, RequestSpace space) {
        this.analysis = analysis;
        this.space = space;
        this.decoder = new ExampleDecoder(space);
    }

    public Analysis.Answer ask(BoolExpr q) {
        for (Model m : witnesses) {
            if (m.eval(q, true).isTrue()) {
                witnessed++;
                return new Analysis.Answer.Sat(m);
            }
        }
        solved++;
        Analysis.Answer a = analysis.ask(q);
        if (a instanceof Analysis.Answer.Sat s) {
            witnesses.addFirst(s.model());
            if (witnesses.size() > WITNESSES) {
                witnesses.removeLast();
            }
        }
        return a;
    }

    /**
     * A valid request the model describes; when it is not valid (a justification without a letter or
     * digit: the background leaves that out), one sought again under {@link RequestSpace#repair()}.
     */
    public Optional<AccessRequest> example(Model m, BoolExpr q) {
        Optional<Model> readable = analysis.exampleWithin(READABLE_WORK, q, space.readable(), space.repair());
        if (readable.isPresent()) {
            AccessRequest r = decoder.decode(readable.get());
            try {
                RequestValidation.validate(r);
                return Optional.of(r);
            } catch (InvalidRequestException e) {
                // fall through to the model as found
            }
        }
        return found(m, q);
    }

    /**
     * The valid request the model describes as found, without asking for a readable one (diff shrinks
     * its examples with the evaluators instead); when it is not valid, one sought again under
     * {@link RequestSpace#repair()}.
     */
    public Optional<AccessRequest> found(Model m, BoolExpr q) {
        AccessRequest r = decoder.decode(m);
        try {
            RequestValidation.validate(r);
            return Optional.of(r);
        } catch (InvalidRequestException e) {
            return analysis.example(q, space.repair()).map(decoder::decode);
        }
    }

    public RequestSpace space() {
        return space;
    }

    public long solverCalls() {
        return solved;
    }

    public long witnessed() {
        return witnessed;
    }
}
