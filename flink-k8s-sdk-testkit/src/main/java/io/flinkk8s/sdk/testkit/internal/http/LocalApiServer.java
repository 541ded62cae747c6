package io.flinkk8s.sdk.testkit.internal.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.slf4j.Logger;

/**
 * The in-memory cluster's HTTP side: one Vert.x instance for its API server ({@link ApiHttpServer}
 * on {@code 127.0.0.1}) and for the clients it makes, which speak plain HTTP to it without a TLS
 * context. Not API.
 */
public final class LocalApiServer implements AutoCloseable {

    private final Vertx vertx;
    private final ApiHttpServer server;

    private LocalApiServer(Vertx vertx, ApiHttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Starts the API server for {@code dispatcher}.
     *
     * @param requestLog where every request and its answer are logged at INFO; null for none
     */
    public static LocalApiServer start(Dispatcher dispatcher, Logger requestLog) {
        Vertx vertx =
                Vertx.vertx(
                        new VertxOptions()
                                .setUseDaemonThread(true)
                                .setFileSystemOptions(
                                        new FileSystemOptions()
                                                .setFileCachingEnabled(false)
                                                .setClassPathResolvingEnabled(false)));
        return new LocalApiServer(vertx, ApiHttpServer.start(vertx, dispatcher, requestLog));
    }

    /** The URL of the API server, {@code http://localhost:<port>/}. */
    public String url() {
        return server.url("/");
    }

    /** A client of this server with {@code config}, on the server's Vert.x instance. */
    public KubernetesClient newClient(Config config, KubernetesSerialization serialization) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new LoopbackHttpClientFactory(vertx))
                .withKubernetesSerialization(serialization)
                .build();
    }

    /** Stops the server; Vert.x's threads end on their own. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            vertx.close();
        }
    }
}
