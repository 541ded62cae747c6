package io.flinkk8s.sdk.core.deploy;

/**
 * A client-side limit on the requests one {@link FlinkDeployer} sends: on average at most {@code
 * permitsPerSecond} a second, with up to {@code burst} at once after a quiet spell (a token
 * bucket). Every Kubernetes API request attempt (a retry counts again) and every Flink REST
 * job-control operation or status-view read takes one permit; a request without one waits for it.
 * The status view's informers (watches and their relists) and the renewals of a held upgrade Lease,
 * which must not wait past its expiry, are outside the budget. Set with {@link
 * DeployOptions.Builder#requestRate(double, int)}.
 *
 * @param permitsPerSecond the steady rate; positive and finite
 * @param burst how many requests may go at once; at least 1
 */
public record RequestRate(double permitsPerSecond, int burst) {

    /**
     * @throws IllegalArgumentException when the rate is not positive and finite or the burst is
     *     below 1
     */
    public RequestRate {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException(
                    "requestRate permitsPerSecond must be positive and finite, was "
                            + permitsPerSecond
                            + "; leave requestRate unset for no limit");
        }
        if (burst < 1) {
            throw new IllegalArgumentException(
                    "requestRate burst must be at least 1 (the requests that may go at once), was "
                            + burst);
        }
    }
}
