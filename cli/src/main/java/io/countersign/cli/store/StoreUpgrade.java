package io.countersign.cli.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.Output;
import io.countersign.cli.request.StoreProblem;
import io.countersign.cli.text.JsonLine;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.StoreException;
import io.countersign.lang.text.Escape;
import io.countersign.store.dynamodb.MisshapenIndexException;
import io.countersign.store.dynamodb.Upgraded;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store upgrade}. */
@Command(name = "upgrade",
        header = "Add the indexes a DynamoDB table made by an older countersign lacks.",
        mixinStandardHelpOptions = true,
        description = {
            "Bring a DynamoDB table up to what this countersign queries: add each global secondary index it lacks",
            "(a table made before the due, followUps and settled indexes has none), one at a time as DynamoDB requires,",
            "and wait until each is ACTIVE. DynamoDB fills a new index from the items already there (backfilling),",
            "which takes from seconds to hours with the size of the table; the table serves requests meanwhile, but",
            "countersign opens it only once every index is ACTIVE. DynamoDB indexes only items that carry the index's",
            "keys, and requests written by an older countersign carry none: the command then reads every request",
            "item once and gives each that owes something (a review, a follow-up) or is settled the keys it lacks, setting",
            "nothing else (the records, their seals and chain are untouched), and says how many it read and re-keyed.",
            "Running it again re-keys nothing, and finishes an upgrade that was stopped: an index still being built",
            "is waited for. An index of the right name but other keys or projection is not touched: the command names",
            "it, says how to replace it, and exits 1.",
            "`countersign store check` names what is missing. The embedded store needs none of this: every command",
            "brings its schema up to date on first use."},
        footer = {"",
            "Examples:",
            "  $ countersign store upgrade --region eu-central-1 --table countersign",
            "  adding index 'due' (dueKey, dueAt)",
            "  index 'due' is ACTIVE (41 s)",
            "  adding index 'followUps' (followUpKey, followUpAt)",
            "  index 'followUps' is ACTIVE (38 s)",
            "  adding index 'settled' (settledKey, created)",
            "  index 'settled' is ACTIVE (35 s)",
            "  re-keying request items written before their indexes: what they owe, and settled requests",
            "  read 1204 request items, re-keyed 17",
            "  table 'countersign' at DynamoDB (eu-central-1): added 3 indexes (due, followUps, settled); read 1204"
                + " request items, re-keyed 17",
            "  $ countersign store upgrade --region eu-central-1 --table countersign",
            "  re-keying request items written before their indexes: what they owe, and settled requests",
            "  read 1204 request items, re-keyed 0",
            "  table 'countersign' at DynamoDB (eu-central-1) has every index; read 1204 request items, re-keyed 0:"
                + " nothing to do",
            "",
            "Exit codes: 0 upgraded or nothing to do, 1 an index is misshapen (replace it as said), 2 the table",
            "does not exist, DynamoDB cannot be reached, or a bad option."})
public final class StoreUpgrade implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        Location where = store.location();
        if (!(where instanceof Location.DynamoDb d)) {
            try {
                where.open().close();
            } catch (StoreException e) {
                output.err().println("countersign: store: " + StoreProblem.describe(e));
                return 2;
            }
            say(where.where() + " is up to date: every command brings its schema up to date on first use", null, where);
            return 0;
        }
        Upgraded upgraded;
        try {
            upgraded = d.location().upgrade(line -> {
                if (!output.json()) {
                    output.out().println(Escape.text(line));
                    output.out().flush();
                }
            });
        } catch (MisshapenIndexException e) {
            output.err().println("countersign: store: " + Escape.text(e.getMessage()));
            return 1;
        } catch (StoreException e) {
            output.err().println("countersign: store: " + StoreProblem.describe(e));
            return 2;
        }
        List<String> added = upgraded.added();
        Upgraded.Rekeyed r = upgraded.rekeyed();
        String table = "table '" + d.table() + "' at " + d.location().where();
        String items = "read " + r.read() + " request items, re-keyed " + r.rekeyed()
                + (r.unreadable() > 0 ? ", " + r.unreadable() + " unreadable (left as they were)" : "")
                + (r.changed() > 0 ? ", " + r.changed() + " written meanwhile (keyed by their writer)" : "");
        say(added.isEmpty() ? table + " has every index; " + items + (r.rekeyed() == 0 ? ": nothing to do" : "")
                : table + ": added " + added.size() + (added.size() == 1 ? " index (" : " indexes (")
                        + String.join(", ", added) + "); " + items, upgraded, where);
        return 0;
    }

    private void say(String text, Upgraded upgraded, Location where) {
        if (output.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("where", where.where());
            ArrayNode a = o.putArray("added");
            if (upgraded != null) {
                upgraded.added().forEach(a::add);
                ObjectNode items = o.putObject("requestItems");
                items.put("read", upgraded.rekeyed().read());
                items.put("rekeyed", upgraded.rekeyed().rekeyed());
                items.put("unreadable", upgraded.rekeyed().unreadable());
                items.put("writtenMeanwhile", upgraded.rekeyed().changed());
            }
            output.out().println(JsonLine.of(o));
        } else {
            output.out().println(text);
        }
    }
}
