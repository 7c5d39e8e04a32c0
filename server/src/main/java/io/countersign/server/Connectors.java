package io.countersign.server;

import io.countersign.server.config.ServerConfig;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one connector a server listens on: HTTP, or HTTPS when given a certificate; an idle timeout that
 * ends slow clients; a graceful stop that lets requests in flight finish.
 */
final class Connectors {

    /** How long a stop waits for requests in flight. */
    static final long STOP_TIMEOUT_MS = 10_000;

    private Connectors() {
    }

    static void configure(JavalinConfig cfg, ServerConfig config) {
        cfg.jetty.modifyServer(server -> {
            server.setStopTimeout(STOP_TIMEOUT_MS);
            server.setErrorHandler(new HttpErrors());
        });
        cfg.jetty.addConnector((server, http) -> {
            http.setSendServerVersion(false);
            ServerConnector c;
            if (config.tls() == null) {
                c = new ServerConnector(server, new HttpConnectionFactory(http));
            } else {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(PemKeyStore.load(config.tls().certificate(), config.tls().key()));
                ssl.setKeyStorePassword(PemKeyStore.PASSWORD);
                http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
            }
            c.setHost(config.host());
            c.setPort(config.port());
            c.setIdleTimeout(config.idleTimeout().toMillis());
            return c;
        });
    }
}
