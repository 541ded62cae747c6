package io.flinkk8s.sdk.core.deploy.status;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link DeploymentStatusView} watches and how often it asks Flink. Immutable; start from
 * {@link #allNamespaces()} or {@link #namespace(String)} and change with the {@code with...}
 * methods.
 *
 * @param namespace may be null: every namespace the client may list and watch
 * @param flinkRefreshInterval how often the job of each deployment whose JobManager is ready is
 *     read again from its JobManager's REST API, when nothing in Kubernetes changed
 * @param maxConcurrentFlinkRequests how many Flink REST requests the view has in flight at most,
 *     whatever the number of deployments
 * @param startTimeout how long creating the view may take: the first LIST of each kind, and the
 *     first read of every ready JobManager
 */
public record StatusViewOptions(
        String namespace,
        Duration flinkRefreshInterval,
        int maxConcurrentFlinkRequests,
        Duration startTimeout) {

    /** The default refresh interval: 30 seconds. */
    public static final Duration DEFAULT_FLINK_REFRESH = Duration.ofSeconds(30);

    /** The default bound on Flink REST requests in flight: 8. */
    public static final int DEFAULT_MAX_CONCURRENT_FLINK_REQUESTS = 8;

    /** The default start timeout: 2 minutes. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException for a blank namespace, a duration that is not positive or a
     *     request bound below 1
     */
    public StatusViewOptions {
        if (namespace != null && namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank; null means all");
        }
        positive(flinkRefreshInterval, "flinkRefreshInterval");
        positive(startTimeout, "startTimeout");
        if (maxConcurrentFlinkRequests < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentFlinkRequests must be >= 1, was " + maxConcurrentFlinkRequests);
        }
    }

    /** Every namespace, with the defaults. */
    public static StatusViewOptions allNamespaces() {
        return new StatusViewOptions(
                null,
                DEFAULT_FLINK_REFRESH,
                DEFAULT_MAX_CONCURRENT_FLINK_REQUESTS,
                DEFAULT_START_TIMEOUT);
    }

    /** One namespace (for a client allowed to watch only there), with the defaults. */
    public static StatusViewOptions namespace(String namespace) {
        return allNamespaces().withNamespace(Objects.requireNonNull(namespace, "namespace"));
    }

    /** A copy watching {@code value} (null: every namespace). */
    public StatusViewOptions withNamespace(String value) {
        return new StatusViewOptions(
                value, flinkRefreshInterval, maxConcurrentFlinkRequests, startTimeout);
    }

    /** A copy reading each running job again every {@code value}. */
    public StatusViewOptions withFlinkRefreshInterval(Duration value) {
        return new StatusViewOptions(namespace, value, maxConcurrentFlinkRequests, startTimeout);
    }

    /** A copy with at most {@code value} Flink REST requests in flight. */
    public StatusViewOptions withMaxConcurrentFlinkRequests(int value) {
        return new StatusViewOptions(namespace, flinkRefreshInterval, value, startTimeout);
    }

    /** A copy whose creation may take {@code value}. */
    public StatusViewOptions withStartTimeout(Duration value) {
        return new StatusViewOptions(
                namespace, flinkRefreshInterval, maxConcurrentFlinkRequests, value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
