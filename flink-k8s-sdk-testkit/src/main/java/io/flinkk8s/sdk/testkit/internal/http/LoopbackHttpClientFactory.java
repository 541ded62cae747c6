package io.flinkk8s.sdk.testkit.internal.http;

import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The HTTP client of the in-memory cluster's own {@code KubernetesClient}: fabric8's Vert.x client
 * on the cluster's Vert.x instance (the one its API server runs on), without TLS. The cluster is
 * plain HTTP on the loopback interface, and fabric8 otherwise builds a TLS context for every client
 * (about 0.4 s of a JVM's first cluster). Code that builds its own client from {@code
 * clientConfig()} gets fabric8's defaults.
 */
public final class LoopbackHttpClientFactory extends VertxHttpClientFactory {

    private final Vertx vertx;

    LoopbackHttpClientFactory(Vertx vertx) {
        super(vertx);
        this.vertx = vertx;
        setTlsWarmup(TlsWarmup.OFF);
    }

    @Override
    public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
        return new PlainBuilder(this, vertx);
    }

    /** A builder that leaves out the TLS context fabric8 sets on every client. */
    private static final class PlainBuilder extends VertxHttpClientBuilder<VertxHttpClientFactory> {

        PlainBuilder(VertxHttpClientFactory factory, Vertx vertx) {
            super(factory, vertx);
        }

        @Override
        public VertxHttpClientBuilder<VertxHttpClientFactory> sslContext(
                KeyManager[] keyManagers, TrustManager[] trustManagers) {
            return this;
        }
    }
}
