package io.flinkk8s.sdk.testkit;

import java.net.URI;

/**
 * Something listening, in the test JVM, for a Service port of the in-memory cluster: a simulated
 * Flink REST endpoint, a MiniCluster, a stub HTTP server. The cluster maps the Service port to
 * {@link #address()} so code under test can reach it.
 */
@FunctionalInterface
public interface ServicePortBackend {

    /** Where the backend listens, reachable from the test JVM ({@code http://127.0.0.1:40123}). */
    URI address();
}
