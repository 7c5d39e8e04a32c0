package io.countersign.cli.request;

import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Workflow;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * A person acting on one request: who acts, which request, the policies that decide. Prints what
 * happened and the request as it now stands, or with {@code --output json} the request as stored.
 */
abstract class ActionCommand extends LifecycleCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @CommandLine.Mixin
    ActingUser actor;

    @CommandLine.Mixin
    PolicyOptions policies;

    @Override
    protected final int execute() throws Exception {
        String who = actor.require();
        try (Session s = Session.deciding(store.location(), policies.require(), err())) {
            if (s == null) {
                return BAD_INPUT;
            }
            StoredRequest r = act(s.workflow(), who);
            if (json()) {
                printJson(r);
            } else {
                out().println(headline(who, r));
                out().print(RequestText.of(r));
            }
            return 0;
        }
    }

    abstract StoredRequest act(Workflow workflow, String actor);

    /** One line: what the action did. */
    abstract String headline(String actor, StoredRequest after);
}
