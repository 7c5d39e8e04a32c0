package io.countersign.store.dynamodb.testserver;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One strict test server for a test class, started before its first test and closed after its last:
 * {@code @RegisterExtension static final PerClassServer server = new PerClassServer();}.
 */
public final class PerClassServer implements BeforeAllCallback, AfterAllCallback {

    private StrictDynamoTestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = StrictDynamoTestServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public StrictDynamoTestServer get() {
        if (server == null) {
            throw new IllegalStateException("the test server runs only while its test class does");
        }
        return server;
    }

    public URI endpoint() {
        return get().endpoint();
    }

    public DynamoDbClient client() {
        return get().client();
    }

    public DynamoDbClient newClient() {
        return get().newClient();
    }
}
