package io.countersign.cli.request;

import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import io.countersign.engine.workflow.Workflow;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * A person acting on one request: who acts, which request, the policies that decide, the key that
 * signs. Prints what happened and the request as it now stands, or with {@code --output json} the
 * request as stored.
 */
abstract class ActionCommand extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Mixin
    SigningOptions signing;

    private SigningKey key;

    @Override
    protected final int execute() throws Exception {
        check();
        String who = actor.require(policies.directory());
        Path dir = policies.require();
        try {
            key = signing.load(store.home(), who).orElse(null);
        } catch (IOException e) {
            err().println("countersign: " + e.getMessage());
            return BAD_INPUT;
        }
        try (Session s = Session.deciding(store.location(), dir, err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            StoredRequest r = act(s.workflow(), who);
            if (json()) {
                printJson(r);
            } else {
                out().println(headline(RequestText.t(who), r));
                out().print(RequestText.of(r));
            }
            return 0;
        }
    }

    /** Checks the command's own options before anything is read; bad input throws a ParameterException. */
    void check() {
    }

    abstract StoredRequest act(Workflow workflow, String actor);

    /**
     * The actor's signature over this decision, made now with their key; null when they have none
     * (the workflow then accepts the decision only where policy allows unsigned ones).
     *
     * @param terms the approval's terms, or {@link Terms#because} the reason of other decisions
     */
    final Signature signature(Workflow workflow, String actor, Action action, Terms terms, String to) {
        if (key == null) {
            return null;
        }
        return key.sign(workflow.statement(workflow.get(id), action, actor, terms, to, Instant.now()));
    }

    /** One line: what the action did. */
    abstract String headline(String actor, StoredRequest after);
}
