package io.countersign.cli.serve;

import io.countersign.cli.Main;
import io.countersign.cli.notify.ConfiguredNotifiers;
import io.countersign.cli.notify.NotifyOptions;
import io.countersign.cli.store.StoreOptions;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.lang.text.Escape;
import io.countersign.server.CountersignServer;
import io.countersign.server.config.ConfigLoader;
import io.countersign.server.config.ServerConfig;
import io.countersign.server.engine.Engine;
import io.countersign.server.ops.Hangup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign serve}. */
@Command(name = "serve",
        header = "Serve decisions and the request lifecycle over HTTP.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = {ServeToken.class},
        description = {
            "Serve the decision API (/v1/decide, /v1/access) and the lifecycle API (/v1/requests) over HTTP,",
            "with /healthz, /readyz, Prometheus /metrics and the OpenAPI document at /v1/openapi.json. People",
            "authenticate with OIDC bearer tokens, gateways with API tokens (see 'serve token'). The policies",
            "reload on SIGHUP and when their directory changes; a set with errors is refused and the old one",
            "stays. SIGTERM finishes the requests in flight, then stops. See docs/server.md."},
        footer = {"",
            "Examples:",
            "  countersign serve --policies policies/",
            "  countersign serve --config server.yaml --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem",
            "",
            "Configuration: server.yaml (--config), then the environment (COUNTERSIGN_LISTEN, COUNTERSIGN_POLICIES,",
            "COUNTERSIGN_OIDC_ISSUER, COUNTERSIGN_OIDC_AUDIENCE, COUNTERSIGN_DECISION_LOG), then these flags.",
            "",
            "Exit codes: 0 after a clean stop, 2 bad input (policy errors, a bad configuration)."})
public final class Serve implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:COUNTERSIGN_SERVER_CONFIG}",
            description = "The server's configuration (env COUNTERSIGN_SERVER_CONFIG).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default 127.0.0.1:8181).")
    String listen;

    @Option(names = "--policies", paramLabel = "DIR", description = "The policy directory (default: policies).")
    Path policies;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8).")
    Path tlsKey;

    @Option(names = "--decision-log", paramLabel = "FILE", description = "Log each decision as a JSON line ('-': stdout).")
    String decisionLog;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Mixin
    NotifyOptions notify;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Function<String, String> env = Main.environment(spec);
        ServerConfig c;
        try {
            c = flags(ConfigLoader.load(config, env));
        } catch (IllegalArgumentException e) {
            err.println("countersign: " + Escape.text(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        try (ConfiguredNotifiers notifiers = notify.configure(store.home(), err)) {
            if (notifiers == null) {
                return Main.EXIT_BAD_INPUT;
            }
            Store opened = open();
            try (opened) {
                return serve(c, opened, notifiers, err);
            } finally {
                closed.countDown();
            }
        }
    }

    /** Counted down once the store is closed: the shutdown hook waits for it, or the JVM would halt first. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private int serve(ServerConfig c, Store opened, ConfiguredNotifiers notifiers, PrintWriter err) throws InterruptedException {
        CountersignServer server;
        try {
            server = CountersignServer.builder(c).store(opened).notifiers(notifiers.notifiers()).start();
        } catch (Engine.LoadException e) {
            err.println(Escape.text(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        } catch (IOException | IllegalArgumentException e) {
            err.println("countersign: " + Escape.text(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Hangup.on(server::reload);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "countersign-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    private ServerConfig flags(ServerConfig c) {
        if (listen != null) {
            c = ConfigLoader.listen(c, listen);
        }
        if (policies != null) {
            c = c.withPolicies(policies);
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            c = c.withTls(new ServerConfig.Tls(tlsCert, tlsKey));
        }
        if (decisionLog != null) {
            c = c.withDecisionLog(decisionLog, c.mask());
        }
        return c;
    }

    /** The store with the service's seal on every write, as every lifecycle command opens it. */
    private Store open() {
        var location = store.location();
        Store s = location.open();
        try {
            return SealedStore.over(s, location.sealKeys());
        } catch (IOException e) {
            s.close();
            throw new io.countersign.engine.store.StoreException(e.getMessage(), e);
        }
    }
}
