package io.countersign.server;

import io.countersign.engine.notify.Notifier;
import io.countersign.engine.store.Store;
import io.countersign.server.api.AccessApi;
import io.countersign.server.api.Calls;
import io.countersign.server.api.DecisionApi;
import io.countersign.server.api.FollowUpsApi;
import io.countersign.server.api.LifecycleApi;
import io.countersign.server.api.OpsApi;
import io.countersign.server.auth.ApiTokens;
import io.countersign.server.auth.Authenticator;
import io.countersign.server.auth.OidcVerifier;
import io.countersign.server.config.ServerConfig;
import io.countersign.server.engine.Engine;
import io.countersign.server.http.Bodies;
import io.countersign.server.ops.DecisionLog;
import io.countersign.server.ops.Dispatching;
import io.countersign.server.ops.JsonLog;
import io.countersign.server.ops.Metrics;
import io.countersign.server.ops.PolicyWatcher;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running server: the engine over the store, the API on Jetty, the outbox dispatcher and the policy
 * watcher. {@link #close} stops taking connections, finishes the requests in flight, then stops the rest.
 */
public final class CountersignServer implements AutoCloseable {

    private final Javalin app;
    private final Engine engine;
    private final Metrics metrics;
    private final JsonLog log;
    private final List<AutoCloseable> parts;
    private final List<String> routes;

    private CountersignServer(Javalin app, Engine engine, Metrics metrics, JsonLog log, List<AutoCloseable> parts,
            List<String> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
        this.engine = engine;
        this.metrics = metrics;
        this.log = log;
        this.parts = parts;
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** What a server is started with besides its configuration. */
    public static final class Builder {
        private final ServerConfig config;
        private Store store;
        private Clock clock = Clock.systemUTC();
        private List<Notifier> notifiers = List.of();
        private PrintStream log = System.err;
        private java.util.function.Consumer<io.javalin.config.RoutesConfig> extra = r -> { };

        private Builder(ServerConfig config) {
            this.config = config;
        }

        /** The store lifecycle calls write to; none: the server decides only. The server does not close it. */
        public Builder store(Store value) {
            this.store = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Where the outbox dispatcher delivers events; none: events wait in the outbox. */
        public Builder notifiers(List<Notifier> value) {
            this.notifiers = List.copyOf(value);
            return this;
        }

        /** Where the JSON log lines go (stderr unless told). */
        public Builder log(PrintStream value) {
            this.log = value;
            return this;
        }

        /**
         * Endpoints an embedder adds beside the API, behind the same pipeline (request ids, latency
         * metrics, problem documents): the load benchmark's no-op endpoint is one.
         */
        public Builder routes(java.util.function.Consumer<io.javalin.config.RoutesConfig> value) {
            this.extra = value;
            return this;
        }

        /**
         * Loads the policies and starts listening.
         *
         * @throws Engine.LoadException when the policies have errors
         * @throws IOException when the decision log or the certificate cannot be opened
         */
        public CountersignServer start() throws Engine.LoadException, IOException {
            return CountersignServer.start(this);
        }
    }

    private static CountersignServer start(Builder b) throws Engine.LoadException, IOException {
        ServerConfig config = b.config;
        JsonLog log = new JsonLog(b.log, b.clock);
        Engine engine = Engine.load(config.policies(), b.store, b.clock, config.precedents());
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(engine);
        try {
            Metrics metrics = new Metrics(() -> engine.lastReload().applied());
            DecisionLog decisions = DecisionLog.open(config.decisionLog(), config.mask());
            if (decisions != null) {
                parts.add(decisions);
            }
            Authenticator auth = new Authenticator(new ApiTokens(config.tokens()),
                    config.oidc() == null ? null : new OidcVerifier(config.oidc()));
            Calls calls = new Calls(engine, auth, new Bodies(config.maxBodyBytes()), metrics, decisions);
            List<String> routes = new ArrayList<>();
            Javalin app = Javalin.create(cfg -> {
                cfg.events.handlerAdded(h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                        routes.add(h.getHttpMethod().name() + " " + h.getPath());
                    }
                });
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.http.maxRequestSize = config.maxBodyBytes();
                cfg.http.prefer405over404 = true;
                // Answers are small JSON documents: compressing them costs more than it saves on the
                // networks a gateway calls over, and deciding whether to compress is a cost per answer.
                cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
                // Javalin copies an answer to Jetty through a buffer of this size made per answer
                // (Jetty's 32 KB output buffer by default): most answers fit in 4 KB, larger ones take
                // a few copies.
                cfg.http.responseBufferSize = 4096;
                Connectors.configure(cfg, config);
                Pipeline.install(cfg.routes, metrics, log);
                new DecisionApi(calls).register(cfg.routes);
                new AccessApi(calls).register(cfg.routes);
                new LifecycleApi(calls).register(cfg.routes);
                new FollowUpsApi(calls).register(cfg.routes);
                new OpsApi(calls).register(cfg.routes);
                b.extra.accept(cfg.routes);
            });
            app.start();
            CountersignServer server = new CountersignServer(app, engine, metrics, log, parts, routes);
            if (config.reloadOnChange()) {
                parts.add(PolicyWatcher.start(config.policies(), server::reload));
            }
            if (b.store != null && !config.dispatchInterval().isZero()) {
                parts.add(Dispatching.start(b.store, b.notifiers, b.clock, config.dispatchInterval(), metrics));
            }
            log.info("listening", Map.of("port", app.port(), "tls", config.tls() != null, "policyDigest",
                    engine.lastReload().digest()));
            return server;
        } catch (RuntimeException | IOException e) {
            closeAll(parts);
            throw e;
        }
    }

    /** The port listened on (the one picked, when configured with 0). */
    public int port() {
        return app.port();
    }

    /** The endpoints served, as {@code METHOD /path} (what the OpenAPI document must describe). */
    public List<String> routes() {
        return routes;
    }

    public Engine engine() {
        return engine;
    }

    /** Reloads the policies (SIGHUP, a change of the directory, the admin's call), logging and counting the result. */
    public Engine.Reload reload() {
        Engine.Reload r = engine.reload();
        metrics.reload(r.applied());
        if (r.applied()) {
            log.info("policies reloaded", Map.of("policyDigest", r.digest()));
        } else {
            log.warn("policy reload refused", Map.of("errors", r.errors()));
        }
        return r;
    }

    /** Stops: no new connections; requests in flight finish (Jetty's graceful stop); then the engine and the rest. */
    @Override
    public void close() {
        app.stop();
        closeAll(parts);
        log.info("stopped", Map.of());
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than the reason one part failed to close
            }
        }
    }
}
