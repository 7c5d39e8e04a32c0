package io.countersign.cli.store;

import io.countersign.cli.text.JsonLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.Output;
import io.countersign.cli.request.Session;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.StoreException;
import io.countersign.store.dynamodb.StoreLocation;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store init}. */
@Command(name = "init",
        header = "Create the table with its indexes (DynamoDB).",
        mixinStandardHelpOptions = true,
        description = {
            "Create the table with its indexes and its TTL attribute, and wait until it is active. Running it",
            "again changes nothing and says the table exists. The embedded default creates its table on first",
            "use; real DynamoDB (--region) or another endpoint (--dynamodb-endpoint) needs this once."},
        footer = {"",
            "Examples:",
            "  $ countersign store init --region eu-central-1",
            "  created table 'countersign' at DynamoDB (eu-central-1)",
            "  $ countersign store init --region eu-central-1",
            "  table 'countersign' exists at DynamoDB (eu-central-1): nothing to do",
            "  $ countersign store init --dynamodb-endpoint http://localhost:8000 --output json",
            "  {\"table\":\"countersign\",\"where\":\"http://localhost:8000\",\"created\":true}",
            "",
            "Exit codes: 0 created or exists, 2 the store cannot be reached or a bad option."})
public final class StoreInit implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        StoreLocation where = store.location();
        boolean created;
        try {
            created = Session.init(where);
        } catch (StoreException e) {
            output.err().println("countersign: store: " + io.countersign.cli.request.StoreProblem.describe(e));
            return 2;
        }
        if (output.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("table", where.table()).put("where", where.where()).put("created", created);
            output.out().println(JsonLine.of(o));
        } else if (created) {
            output.out().println("created table '" + where.table() + "' at " + where.where());
        } else {
            output.out().println("table '" + where.table() + "' exists at " + where.where() + ": nothing to do");
        }
        return 0;
    }
}
