package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.RestTls;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@link FlinkJobClient}s of one deployer, one per JobManager REST endpoint and request
 * timeout, reused across calls and threads: a {@code RestClusterClient} costs threads, a Netty
 * event loop and their shutdown, which a call of its own would pay each time. A client is closed
 * and replaced after a call finds its endpoint not answering (connection refused, no route, unknown
 * host, connect timeout: a JobManager restarted elsewhere); a client idle for {@value
 * #IDLE_SECONDS} s is closed; at most {@value #MAX_CLIENTS} are kept, the least recently used going
 * first. All are closed with the deployer ({@code DeployerEngine.close()}); nothing is static.
 */
public final class FlinkClients implements AutoCloseable {

    /** How long a client may stay unused before it is closed. */
    static final int IDLE_SECONDS = 60;

    /** How many clients a deployer keeps at most. */
    static final int MAX_CLIENTS = 16;

    private final EndpointClients<FlinkJobClient> clients;

    FlinkClients(LongSupplier nanoTime, Duration idleTimeout, int maxClients) {
        this(null, nanoTime, idleTimeout, maxClients);
    }

    FlinkClients(RestTls tls, LongSupplier nanoTime, Duration idleTimeout, int maxClients) {
        this.clients =
                new EndpointClients<>(
                        (endpoint, timeout) -> FlinkJobClient.connect(endpoint, timeout, tls),
                        FlinkClients::endpointGone,
                        nanoTime,
                        idleTimeout,
                        maxClients);
    }

    /** The clients of a new deployer: the bounds above, on the JVM's nano ticker. */
    public static FlinkClients create() {
        return create(null);
    }

    /**
     * The clients of a new deployer whose JobManagers serve TLS as {@code tls} says (null: plain
     * HTTP).
     */
    public static FlinkClients create(RestTls tls) {
        return new FlinkClients(
                tls, System::nanoTime, Duration.ofSeconds(IDLE_SECONDS), MAX_CLIENTS);
    }

    /**
     * Runs {@code operation} with the client of {@code endpoint} (made on first use, or anew after
     * its endpoint stopped answering).
     */
    public <T> T call(URI endpoint, Duration timeout, Function<FlinkJobClient, T> operation) {
        return clients.call(endpoint, timeout, operation);
    }

    /** How many clients are kept now. */
    int size() {
        return clients.size();
    }

    /** Closes the clients; calls made later get a client of their own, closed after them. */
    @Override
    public void close() {
        clients.close();
    }

    /**
     * Whether {@code failure} says the endpoint stopped answering, rather than Flink answering with
     * an error: anywhere in its causes a refused or timed-out connection (Netty's {@code
     * AnnotatedConnectException} and {@code ConnectTimeoutException} are {@link
     * ConnectException}s), no route, or a host name that no longer resolves.
     */
    static boolean endpointGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
