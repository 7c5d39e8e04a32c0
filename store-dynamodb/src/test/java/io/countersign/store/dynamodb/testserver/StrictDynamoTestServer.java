package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A <b>test double</b> of DynamoDB: a server on a loopback port that speaks DynamoDB's JSON protocol
 * (HTTP POST, {@code X-Amz-Target: DynamoDB_20120810.<Operation>}, {@code application/x-amz-json-1.0},
 * errors as {@code {"__type": "...#<Name>", "message": ...}} with status 400) for exactly the operations
 * and expression forms Countersign's DynamoDB store uses, with DynamoDB's documented semantics — and
 * nothing else. It is not a product and not a database: data lives in memory until {@link #close()}.
 *
 * <p>Implemented: CreateTable (with global secondary indexes; ResourceInUseException when the table
 * exists), DescribeTable, DeleteTable, UpdateTable (adding one global secondary index, backfilled),
 * UpdateTimeToLive, DescribeTimeToLive, PutItem, GetItem, UpdateItem, DeleteItem, BatchGetItem, Query
 * (table and indexes), Scan (no filter) and TransactWriteItems; condition,
 * key condition, update and projection expressions over top-level attributes; the validation errors
 * DynamoDB gives for unused or undefined expression names and values, reserved words, wrong key types,
 * missing key attributes, items over 400 KB. See docs/stores.md for the list and its sources.
 *
 * <p>Deliberately refused, with an error named {@code NotImplementedByTestDouble} so that it is never
 * mistaken for DynamoDB's answer: every other operation (Scan, BatchWriteItem, TransactGetItems,
 * PartiQL, UpdateTable's other changes, ...), legacy parameters (KeyConditions, Expected,
 * AttributesToGet, ...),
 * FilterExpression, Select, ReturnConsumedCapacity, and nested document paths. Not modelled: capacity
 * and throttling, eventual consistency (every read is strongly consistent), TTL deletion (DynamoDB
 * deletes expired items "within a few days", so no test may rely on it), signature verification (an
 * {@code Authorization} header is required, not checked).
 *
 * <p>Thread-safe: any number of clients at once; each write, a whole transaction included, is atomic
 * and isolated.
 */
public final class StrictDynamoTestServer implements AutoCloseable {

    /** The region the client is configured with; the server answers for any. */
    public static final String REGION = "eu-west-1";
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's server writes a response's headers and body apart: without TCP_NODELAY each call
        // waits out the client's delayed ACK (about 40 ms). Read once, when the JDK's first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer http;
    private final ExecutorService workers;
    private final Map<String, Function<JsonNode, ObjectNode>> operations;
    private volatile DynamoDbClient client;

    /**
     * A deliberate departure from DynamoDB, to show that a conformance check notices a server that only
     * looks compatible: {@code IGNORE_CONDITIONS} applies every write as if its condition held.
     */
    public enum Fault { NONE, IGNORE_CONDITIONS }

    private StrictDynamoTestServer(HttpServer http, ExecutorService workers, Fault fault) {
        this.http = http;
        this.workers = workers;
        Database db = new Database(fault);
        TableOperations tables = new TableOperations(db, REGION);
        ItemOperations items = new ItemOperations(db);
        QueryOperation query = new QueryOperation(db);
        ScanOperation scan = new ScanOperation(db);
        TransactOperation transact = new TransactOperation(db);
        this.operations = Map.ofEntries(
                Map.entry("CreateTable", tables::createTable),
                Map.entry("DescribeTable", tables::describeTable),
                Map.entry("DeleteTable", tables::deleteTable),
                Map.entry("UpdateTable", tables::updateTable),
                Map.entry("UpdateTimeToLive", tables::updateTimeToLive),
                Map.entry("DescribeTimeToLive", tables::describeTimeToLive),
                Map.entry("PutItem", items::putItem),
                Map.entry("GetItem", items::getItem),
                Map.entry("UpdateItem", items::updateItem),
                Map.entry("DeleteItem", items::deleteItem),
                Map.entry("BatchGetItem", items::batchGetItem),
                Map.entry("Query", query::query),
                Map.entry("Scan", scan::scan),
                Map.entry("TransactWriteItems", transact::transactWriteItems));
    }

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static StrictDynamoTestServer start() {
        return start(Fault.NONE);
    }

    /** Starts a server that departs from DynamoDB as {@code fault} says: for tests of conformance checks only. */
    public static StrictDynamoTestServer start(Fault fault) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "strict-dynamo-test-server");
                t.setDaemon(true);
                return t;
            });
            StrictDynamoTestServer server = new StrictDynamoTestServer(http, workers, fault);
            http.createContext("/", server::handle);
            http.setExecutor(workers);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DynamoDB test server", e);
        }
    }

    /** Where the server listens: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort());
    }

    /** A client of this server shared by its callers (closed with the server): static fake credentials, {@link #REGION}. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /** A client of its own, which the caller closes. */
    public DynamoDbClient newClient() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
        http.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ObjectNode response;
            int status = 200;
            try {
                response = answer(exchange, body);
            } catch (DynamoError e) {
                status = e.status();
                response = e.body();
            } catch (RuntimeException e) {
                DynamoError internal = DynamoError.internal("the test double failed: " + e);
                status = internal.status();
                response = internal.body();
            }
            byte[] out = JSON.writeValueAsBytes(response);
            CRC32 crc = new CRC32();
            crc.update(out);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    private ObjectNode answer(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)
                || contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
            throw DynamoError.service("UnknownOperationException", null);
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
            throw DynamoError.service("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        Function<JsonNode, ObjectNode> op = operations.get(operation);
        if (op == null) {
            if (KNOWN.contains(operation)) {
                throw DynamoError.unsupported("the operation " + operation);
            }
            throw DynamoError.service("UnknownOperationException", null);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw DynamoError.service("SerializationException", "the request body is not JSON");
        }
        return op.apply(request);
    }

    /** DynamoDB's other operations: refused by name, not as unknown. */
    private static final Set<String> KNOWN = Set.of("BatchExecuteStatement", "BatchWriteItem", "CreateBackup",
            "CreateGlobalTable", "DeleteBackup", "DescribeBackup", "DescribeContinuousBackups", "DescribeEndpoints",
            "DescribeLimits", "ExecuteStatement", "ExecuteTransaction", "ListBackups", "ListGlobalTables", "ListTables",
            "ListTagsOfResource", "RestoreTableFromBackup", "TagResource", "TransactGetItems", "UntagResource",
            "UpdateContinuousBackups", "UpdateGlobalTable", "UpdateItemCollectionMetrics");
}
