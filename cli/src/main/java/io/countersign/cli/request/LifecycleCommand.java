package io.countersign.cli.request;

import io.countersign.cli.text.JsonLine;
import io.countersign.lang.text.Escape;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.cli.policy.Output;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.UnknownRequestException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every lifecycle command shares: where the store is, {@code --output}, and one mapping from what
 * went wrong to an exit code — 1 when the rules refuse the action, 2 when the input is at fault or the
 * store cannot be used. Public for the commands of other packages that work on the store ({@code notify},
 * {@code audit}), so that they exit as these do.
 */
public abstract class LifecycleCommand implements Callable<Integer> {

    protected static final int REFUSED = 1;
    protected static final int BAD_INPUT = 2;

    @CommandLine.Mixin
    protected StoreOptions store;

    @CommandLine.Mixin
    Output output;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (RefusedException e) {
            err().println("countersign: refused: " + Escape.text(e.getMessage()));
            return REFUSED;
        } catch (InvalidRequestException e) {
            err().println("countersign: invalid request: " + Escape.text(e.getMessage()));
            return BAD_INPUT;
        } catch (UnknownRequestException e) {
            err().println("countersign: " + Escape.text(e.getMessage()));
            return BAD_INPUT;
        } catch (StoreException e) {
            err().println("countersign: store: " + StoreProblem.describe(e));
            return BAD_INPUT;
        }
    }

    /** Does the command's work; the exceptions of the workflow are mapped by {@link #call}. */
    protected abstract int execute() throws Exception;

    protected PrintWriter out() {
        return output.out();
    }

    protected PrintWriter err() {
        return output.err();
    }

    protected boolean json() {
        return output.json();
    }

    /** One line of JSON: what {@code --output json} prints. */
    protected void printJson(Object value) throws JsonProcessingException {
        out().println(JsonLine.of(value));
    }
}
