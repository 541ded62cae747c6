package io.flinkk8s.sdk.core.deploy.internal.observe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A wait's judgement of the causes it sees: a cause ends the wait once causes have been seen
 * without a break for the grace ({@code DeployOptions.failFastGrace}), so a pod that pulls its
 * image on the second try, or a crash the container recovers from, does not fail it. The kubelet
 * moves between reasons ({@code ErrImagePull}, {@code ImagePullBackOff}) while the cause stays, so
 * the grace counts from the first cause of the run, whichever reason it had; the newest one is what
 * the wait fails with.
 */
final class FailFast {

    private final long graceNanos;
    private long since = -1;

    FailFast(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /**
     * What to fail with given the causes seen now at {@code nanoTime}; empty to go on waiting. An
     * observation without causes starts the grace afresh.
     */
    Optional<FailureCause> observe(List<FailureCause> causes, long nanoTime) {
        if (causes.isEmpty()) {
            since = -1;
            return Optional.empty();
        }
        if (since < 0) {
            since = nanoTime;
        }
        return nanoTime - since >= graceNanos ? Optional.of(causes.get(0)) : Optional.empty();
    }
}
