package io.countersign.store.sqlite;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workflow on a store: one lead of group "leads" approves anything of "prod-*"; leads are "lead-N". */
final class Scenario {

    static final String POLICY = """
            policy ops {
              scope profile matches "prod-*"
              allow unsigned decisions
              default require approval from 1 of group "leads"
            }
            """;

    private static Authorizer authorizer;

    private Scenario() {
    }

    static synchronized Authorizer authorizer() {
        if (authorizer == null) {
            try {
                authorizer = Authorizer.of(PolicySet.of(List.of(new SourceFile("ops.policy", POLICY))));
            } catch (PolicySetException e) {
                throw new IllegalStateException(e);
            }
        }
        return authorizer;
    }

    static Workflow workflow(Store store) {
        Directory directory = id -> Optional.of(new Directory.User(id,
                id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
        return new Workflow(authorizer(), store, directory,
                Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
    }

    static AccessRequest ask(String requester) {
        return new AccessRequest(null, requester, null, null, "prod-db", List.of(), Duration.ofHours(1), null,
                "Rotate the database credentials", "CHG-1", Map.of(), null);
    }
}
