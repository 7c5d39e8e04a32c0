package io.countersign.cli.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.policy.Output;
import io.countersign.cli.request.Session;
import io.countersign.cli.request.StoreProblem;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.store.check.CheckResult;
import io.countersign.engine.store.check.StoreContractCheck;
import io.countersign.lang.text.Escape;
import io.countersign.store.dynamodb.TableShape;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign store check}. */
@Command(name = "check",
        header = "Run the store contract against this store before trusting it.",
        mixinStandardHelpOptions = true,
        description = {
            "Check that a store keeps the store contract before trusting it with requests. On DynamoDB, first that",
            "the table has every index the store queries, of the right keys and projection and ACTIVE: each one",
            "that is not is named with its fix (a table made before an index was: `countersign store upgrade`),",
            "and the contract is not run. Then the contract: conditional writes",
            "(a duplicate creation and a stale transition are refused), history in order, listings newest first",
            "with cursors, the approvers' inbox, the access check's query, the outbox with its delivery rounds,",
            "dead letters and retry. Prints one line per check.",
            "",
            "It writes test records of its own into the store named: their ids, requesters, profile and approver",
            "groups start with store-check-RUN, they are dated January 2000 (so they sort below every real request",
            "and DynamoDB's TTL removes them), and the last check cancels them and delivers their events. A",
            "notifier running at the same moment may still receive their events. Reads through an index are",
            "retried for up to 10 s, as DynamoDB's indexes are eventually consistent."},
        footer = {"",
            "Example:",
            "  $ countersign store check --region eu-central-1 --table countersign",
            "  checking table 'countersign' at DynamoDB (eu-central-1): run 3fa2c1d0",
            "  ok    indexes: the 9 the store queries, ACTIVE",
            "  ok    create and read back (41 ms)",
            "  ...",
            "  ok    clean-up leaves nothing open (385 ms)",
            "  11 checks passed",
            "  $ countersign store check --region eu-central-1 --table old-table   # exit 1",
            "  checking table 'old-table' at DynamoDB (eu-central-1): its indexes",
            "  FAIL  index 'due' is missing. Add it: `countersign store upgrade --region eu-central-1 --table old-table` ...",
            "  FAIL  index 'followUps' is missing. Add it: `countersign store upgrade --region eu-central-1 --table old-table` ...",
            "  FAIL  index 'settled' is missing. Add it: `countersign store upgrade --region eu-central-1 --table old-table` ...",
            "  3 of 9 indexes are not as the store needs them: the store contract was not run",
            "",
            "Exit codes: 0 every check passed, 1 a check failed or an index is not as the store needs it, 2 the store",
            "cannot be reached or a bad option."})
public final class StoreCheck implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        Location where = store.location();
        List<TableShape.Problem> indexes = List.of();
        if (where instanceof Location.DynamoDb d) {
            try {
                indexes = d.location().indexProblems();
            } catch (StoreException e) {
                output.err().println("countersign: store: " + StoreProblem.describe(e));
                return 2;
            }
            if (!indexes.isEmpty()) {
                return indexesWrong(d, indexes);
            }
        }
        Session session;
        try {
            session = Session.reading(where);
        } catch (StoreException e) {
            output.err().println("countersign: store: " + StoreProblem.describe(e));
            return 2;
        }
        try (session) {
            Store opened = session.store();
            StoreContractCheck check = StoreContractCheck.of(opened);
            if (!output.json()) {
                output.out().println("checking " + where.where() + ": run " + check.run());
                if (where instanceof Location.DynamoDb) {
                    output.out().println("ok    indexes: the " + TableShape.INDEXES.size() + " the store queries, ACTIVE");
                }
            }
            List<CheckResult> results = check.run(r -> {
                if (!output.json()) {
                    output.out().println(line(r));
                }
            });
            long failed = results.stream().filter(r -> !r.passed()).count();
            if (output.json()) {
                output.out().println(Json.mapper().writeValueAsString(json(where, check, results)));
            } else {
                output.out().println(failed == 0 ? results.size() + " checks passed"
                        : failed + " of " + results.size() + " checks failed");
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * A table without an index the store queries (or with one misshapen, or still building): each named
     * with its fix, exit 1; the contract is not run, as a store does not open on such a table.
     */
    private int indexesWrong(Location.DynamoDb where, List<TableShape.Problem> problems) throws Exception {
        String summary = problems.size() + " of " + TableShape.INDEXES.size() + " indexes are not as the store needs"
                + " them: the store contract was not run";
        if (output.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("where", where.where()).put("passed", false);
            ArrayNode list = o.putArray("indexes");
            for (TableShape.Problem p : problems) {
                list.addObject().put("name", p.index().name()).put("kind", p.kind().toString().toLowerCase(Locale.ROOT))
                        .put("problem", p.problem()).put("fix", where.location().fix(p));
            }
            o.putArray("checks");
            output.out().println(Json.mapper().writeValueAsString(o));
            return 1;
        }
        output.out().println("checking " + where.where() + ": its indexes");
        for (TableShape.Problem p : problems) {
            output.out().println("FAIL  " + Escape.text(p.problem()) + ". " + Escape.text(where.location().fix(p)));
        }
        output.out().println(summary);
        return 1;
    }

    private static String line(CheckResult r) {
        String ms = " (" + r.took().toMillis() + " ms)";
        return r.passed() ? "ok    " + r.name() + ms : "FAIL  " + r.name() + ": " + Escape.text(r.problem()) + ms;
    }

    private static ObjectNode json(Location where, StoreContractCheck check, List<CheckResult> results) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("where", where.where()).put("run", check.run());
        o.put("passed", results.stream().allMatch(CheckResult::passed));
        ArrayNode checks = o.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode c = checks.addObject().put("name", r.name()).put("passed", r.passed());
            if (!r.passed()) {
                c.put("problem", r.problem());
            }
            c.put("ms", r.took().toMillis());
        }
        return o;
    }
}
