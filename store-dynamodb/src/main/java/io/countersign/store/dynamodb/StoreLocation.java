package io.countersign.store.dynamodb;

import io.countersign.engine.store.StoreException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

    /** Opens the store on an existing table. */
    public DynamoStore open() {
        requireTable();
        DynamoDbClient client = client();
        try {
            if (!Table.exists(client, table)) {
                client.close();
                throw new StoreException("table '" + table + "' does not exist at " + where()
                        + ": create it with `countersign store init`", null);
            }
        } catch (SdkException e) {
            client.close();
            throw new StoreException("cannot reach DynamoDB at " + where() + ": " + e.getMessage(), e);
        }
        return new DynamoStore(client, table, client);
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
