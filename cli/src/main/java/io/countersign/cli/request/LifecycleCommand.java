package io.countersign.cli.request;

import io.countersign.cli.text.JsonLine;
import io.countersign.lang.text.Escape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.Output;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.KeyFileException;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.UnknownRequestException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every lifecycle command shares: where the store is, {@code --output}, and one mapping from what
 * went wrong to an exit code — 1 when the rules refuse the action, 2 when the input is at fault (a key
 * file that cannot be used included) or the store cannot be used. Public for the commands of other packages that work on the store ({@code notify},
 * {@code audit}), so that they exit as these do.
 */
public abstract class LifecycleCommand implements Callable<Integer> {

    protected static final int REFUSED = 1;
    protected static final int BAD_INPUT = 2;

    @CommandLine.Mixin
    protected StoreOptions store;

    @CommandLine.Mixin
    Output output;

    @CommandLine.Mixin
    io.countersign.cli.client.ServerOptions server;

    /** The server named by {@code --server} or {@code COUNTERSIGN_SERVER}; empty: work on the store. */
    protected java.util.Optional<io.countersign.cli.client.ServerClient> remote() {
        return server.client(store.home());
    }

    /** Whether this command can talk to a server; the others refuse {@code --server} rather than ignore it. */
    protected boolean servesRemotely() {
        return false;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            if (!servesRemotely() && server.named()) {
                err().println("countersign: this command works on a store, not on a server yet: leave out --server"
                        + " (and COUNTERSIGN_SERVER)");
                return BAD_INPUT;
            }
            return execute();
        } catch (RefusedException e) {
            return failed(REFUSED, problem("refused", e.getMessage()).put("code", e.reason().name()),
                    "refused: " + Escape.text(e.getMessage()));
        } catch (InvalidRequestException e) {
            return failed(BAD_INPUT, problem("invalid-request", e.getMessage()).put("field", e.field()),
                    "invalid request: " + Escape.text(e.getMessage()));
        } catch (UnknownRequestException e) {
            return failed(BAD_INPUT, problem("unknown-request", e.getMessage()), Escape.text(e.getMessage()));
        } catch (StoreException e) {
            String described = StoreProblem.describe(e);
            return failed(BAD_INPUT, problem("store", described), "store: " + described);
        } catch (KeyFileException e) {
            return failed(BAD_INPUT, problem("key", e.getMessage()), Escape.text(e.getMessage()));
        }
    }

    /**
     * What went wrong, on stderr: with {@code --output json} one JSON line a program branches on
     * ({@code {"error":"refused","code":"NOT_ELIGIBLE","message":…}}), else the sentence for a person.
     */
    private int failed(int exit, ObjectNode json, String text) {
        err().println(json() ? JsonLine.of(json) : "countersign: " + text);
        return exit;
    }

    private static ObjectNode problem(String error, String message) {
        return Json.mapper().createObjectNode().put("error", error).put("message", message);
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
