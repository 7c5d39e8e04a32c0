package io.countersign.cli.store;

import io.countersign.cli.text.JsonLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.Output;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store init}. */
@Command(name = "init",
        header = "Create the store: the embedded SQLite file, or a DynamoDB table.",
        mixinStandardHelpOptions = true,
        description = {
            "Create the store. The embedded default (a SQLite file in the home directory) is also created, or its",
            "schema brought up to date, by any command on first use. Real DynamoDB (--region) or another endpoint",
            "(--dynamodb-endpoint) needs this once: it creates the table with its indexes and its TTL attribute, and",
            "waits until it is active. Running it again changes nothing and says the store exists."},
        footer = {"",
            "Examples:",
            "  $ countersign store init",
            "  created the embedded store ~/.countersign/countersign.db",
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
        Location where = store.location();
        boolean created;
        try {
            created = where.init();
        } catch (StoreException e) {
            output.err().println("countersign: store: " + io.countersign.cli.request.StoreProblem.describe(e));
            return 2;
        }
        if (output.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            if (where instanceof Location.DynamoDb d) {
                o.put("table", d.table()).put("where", d.location().where());
            } else {
                o.put("where", ((Location.Embedded) where).file().toString());
            }
            o.put("created", created);
            output.out().println(JsonLine.of(o));
        } else if (created) {
            output.out().println("created " + where.where());
        } else {
            String exists = where instanceof Location.DynamoDb d
                    ? "table '" + d.table() + "' exists at " + d.location().where() : where.where() + " exists";
            output.out().println(exists + ": nothing to do");
        }
        return 0;
    }
}
