package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kubernetes API request under a {@link RetryPolicy}: transient failures are retried after
 * the policy's backoff, anything else (and the last transient failure) becomes an {@link
 * ApplyException} naming the object.
 */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkDeployer.class);
    private static final Set<Integer> TRANSIENT = Set.of(409, 429, 500, 502, 503, 504);

    private final RetryPolicy policy;

    Retrier(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * The request's result.
     *
     * @param target what the request is about, for messages
     * @param retryConflicts whether a 409 is transient (an update race) or final (an optimistic
     *     lock that lost)
     * @throws ApplyException when the request fails for good
     */
    <T> T call(ObjectRef target, boolean retryConflicts, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                boolean again =
                        isTransient(e)
                                && (retryConflicts || e.getCode() != 409)
                                && attempt < policy.maxAttempts();
                if (!again) {
                    throw failure(target, e);
                }
                Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                LOG.debug(
                        "{} failed with {} (attempt {} of {}); retrying in {} ms",
                        target,
                        e.getCode(),
                        attempt,
                        policy.maxAttempts(),
                        wait.toMillis());
                sleep(wait);
            }
        }
    }

    /** Whether a failure may go away by itself: races, throttling, server errors, timeouts. */
    static boolean isTransient(KubernetesClientException e) {
        if (TRANSIENT.contains(e.getCode())) {
            return true;
        }
        if (e.getCode() > 0) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static ApplyException failure(ObjectRef target, KubernetesClientException e) {
        String message =
                e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage()
                        : String.valueOf(e.getMessage());
        return new ApplyException(
                target.kind(),
                target.namespace(),
                target.name(),
                Math.max(0, e.getCode()),
                message,
                e);
    }

    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException(
                    "Interrupted while waiting to retry; the operation was abandoned part way and"
                            + " is safe to repeat",
                    e);
        }
    }
}
