package io.flinkk8s.sdk.core.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the deployer retries a Kubernetes API request that failed for a transient reason (409 on an
 * update race, 429, 500, 502, 503, 504, a timeout or an I/O error): at most {@code maxAttempts}
 * attempts, waiting a bounded exponential backoff with jitter between them. Non-transient answers
 * (400, 401, 403, 404, 422) are never retried.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(10);
 * }</pre>
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest wait between two attempts, before jitter
 * @param multiplier how much each wait grows, at least 1
 * @param jitter the random share of each wait, between 0 and 1: a wait of {@code w} becomes a
 *     uniformly random value in {@code [w × (1 - jitter), w × (1 + jitter)]}
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double multiplier,
        double jitter) {

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when a value is out of its documented range
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoffs must satisfy 0 <= initialBackoff <= maxBackoff, were "
                            + initialBackoff
                            + " and "
                            + maxBackoff);
        }
        if (multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException(
                    "multiplier must be >= 1 and jitter in [0, 1], were "
                            + multiplier
                            + " and "
                            + jitter);
        }
    }

    /** 6 attempts, 200 ms doubling up to 10 s, ±20 % jitter: about 6 s of retrying in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.2);
    }

    /** One attempt: every failure is reported at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);
    }

    /** A copy with {@code maxAttempts} replaced. */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
    }

    /** A copy with the backoff bounds replaced. */
    public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param random a uniformly distributed value in {@code [0, 1)} for the jitter
     */
    public Duration backoff(int retry, double random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        double bounded = Math.min(base, maxBackoff.toNanos());
        double jittered = bounded * (1 - jitter + 2 * jitter * random);
        return Duration.ofNanos((long) jittered);
    }
}
