package io.countersign.store.dynamodb;

import io.countersign.engine.store.StoreException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Where a DynamoDB store lives: DynamoDB itself by region, or any endpoint that speaks its protocol. The
 * table is made once by {@code countersign store init}. With neither an endpoint nor a region no
 * DynamoDB is named ({@link #embedded()}): the command line then uses its embedded SQLite store.
 *
 * @param endpoint an endpoint override; null for AWS
 * @param region the AWS region; null with no endpoint means embedded
 * @param home {@code $COUNTERSIGN_HOME}
 */
public record StoreLocation(URI endpoint, String region, String table, Path home) {

    public StoreLocation {
        table = table == null || table.isBlank() ? Table.DEFAULT_NAME : table;
    }

    public boolean embedded() {
        return endpoint == null && region == null;
    }

    /**
     * Opens the store on an existing table, once its description shows every index the store queries,
     * ACTIVE and of the right shape: a table made before an index was is refused here, naming the index
     * and {@link #upgradeCommand}, rather than by the first query of it.
     */
    public DynamoStore open() {
        requireTable();
        DynamoDbClient client = client();
        try {
            TableDescription t = describe(client);
            if (t.tableStatus() != TableStatus.ACTIVE) {
                throw new StoreException("table '" + table + "' at " + where() + " is " + t.tableStatusAsString()
                        + ": try again once it is ACTIVE", null);
            }
            List<TableShape.Problem> problems = TableShape.problems(t);
            if (!problems.isEmpty()) {
                throw new StoreException(refusal(problems), null);
            }
        } catch (StoreException | SdkException e) {
            client.close();
            throw e instanceof SdkException sdk ? unreachable(sdk) : (StoreException) e;
        }
        return new DynamoStore(client, table, client);
    }

    /**
     * Why a store will not open on this table, in one line that fits a terminal's error line: each index
     * in brief, then the one command to run (a misshapen index's fix is long: {@code store check} gives it).
     */
    private String refusal(List<TableShape.Problem> problems) {
        // One clause a kind, in the order met, so that a table lacking several indexes still fits the line.
        Map<TableShape.Kind, List<String>> byKind = new java.util.LinkedHashMap<>();
        for (TableShape.Problem p : problems) {
            byKind.computeIfAbsent(p.kind(), k -> new java.util.ArrayList<>()).add("'" + p.index().name() + "'");
        }
        List<String> brief = new java.util.ArrayList<>();
        byKind.forEach((kind, names) -> {
            boolean one = names.size() == 1;
            String listed = one ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and "
                    + names.get(names.size() - 1);
            brief.add((one ? "index " : "indexes ") + listed + " " + switch (kind) {
                case MISSING -> one ? "is missing" : "are missing";
                case BUILDING -> one ? "is still being built" : "are still being built";
                case MISSHAPEN -> one ? "is not of the shape it needs" : "are not of the shape they need";
            });
        });
        boolean misshapen = problems.stream().anyMatch(p -> p.kind() == TableShape.Kind.MISSHAPEN);
        String command = misshapen ? command("check") : upgradeCommand();
        return "table '" + table + "' at " + where() + " is not as this countersign needs it: " + String.join(", ", brief)
                + ". Run `" + command + "`" + (misshapen ? ": it says how to fix it"
                        : ": it adds what is missing and waits until every index is ACTIVE");
    }

    /** Creates the table with its indexes and TTL; false when it exists already. */
    public boolean init() {
        requireTable();
        try (DynamoDbClient client = client()) {
            return Table.create(client, table);
        } catch (SdkException e) {
            throw new StoreException("cannot create table '" + table + "' at " + where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each index of the table that is missing, misshapen or still being built ({@code store check});
     * empty when the table is as the store needs it.
     *
     * @throws StoreException when the table does not exist or DynamoDB cannot be reached
     */
    public List<TableShape.Problem> indexProblems() {
        requireTable();
        try (DynamoDbClient client = client()) {
            return TableShape.problems(describe(client));
        } catch (SdkException e) {
            throw unreachable(e);
        }
    }

    /**
     * Adds the indexes the table lacks, one at a time, waiting until each is ACTIVE, then gives the
     * request items written before the sparse indexes the keys they lack ({@code store upgrade});
     * returns the indexes added (empty when none was missing) and what the pass over the items did.
     *
     * @throws MisshapenIndexException for a misshapen index (with its fix), before anything is changed
     * @throws StoreException for a missing table or an unreachable DynamoDB
     */
    public Upgraded upgrade(Consumer<String> progress) {
        requireTable();
        try (DynamoDbClient client = client()) {
            return new TableUpgrade(client, table, progress).run(this::fix);
        } catch (ResourceNotFoundException e) {
            throw missing();
        } catch (SdkException e) {
            throw unreachable(e);
        }
    }

    /** The command that adds the missing indexes to this table. */
    public String upgradeCommand() {
        return command("upgrade");
    }

    private String command(String verb) {
        return "countersign store " + verb + " " + (endpoint != null ? "--dynamodb-endpoint " + endpoint + " " : "")
                + (region != null ? "--region " + region + " " : "") + "--table " + table;
    }

    /** What to do about one index that is not as the store needs it. */
    public String fix(TableShape.Problem p) {
        String name = p.index().name();
        return switch (p.kind()) {
            case MISSING -> "Add it: `" + upgradeCommand() + "` (adds every missing index and waits until it is ACTIVE)";
            case BUILDING -> "Wait until it is ACTIVE: `" + upgradeCommand() + "` waits for it";
            case MISSHAPEN -> "Delete it (`aws dynamodb update-table " + (region != null ? "--region " + region + " " : "")
                    + (endpoint != null ? "--endpoint-url " + endpoint + " " : "")
                    + "--table-name " + table + " --global-secondary-index-updates '[{\"Delete\":{\"IndexName\":\""
                    + name + "\"}}]'`), wait until it is gone, then add it as the store needs it: `" + upgradeCommand() + "`";
        };
    }

    private TableDescription describe(DynamoDbClient client) {
        return Table.describe(client, table).orElseThrow(this::missing);
    }

    private StoreException missing() {
        return new StoreException("table '" + table + "' does not exist at " + where()
                + ": create it with `countersign store init`", null);
    }

    private StoreException unreachable(SdkException e) {
        return new StoreException("cannot reach DynamoDB at " + where() + ": " + e.getMessage(), e);
    }

    /** Where the data is, in words. */
    public String where() {
        return (endpoint != null ? endpoint.toString() : "DynamoDB") + (region != null ? " (" + region + ")" : "");
    }

    private void requireTable() {
        if (embedded()) {
            throw new StoreException("no DynamoDB named: give a region or an endpoint (the embedded store is not DynamoDB)", null);
        }
    }

    private DynamoDbClient client() {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(region != null ? region : "us-east-1"))
                .credentialsProvider(credentials());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        // A local endpoint accepts any key; AWS itself gets the SDK's usual chain (env, profile, role).
        boolean keyInEnvironment = System.getenv("AWS_ACCESS_KEY_ID") != null;
        if (endpoint != null && !keyInEnvironment && isLoopback(endpoint)) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
