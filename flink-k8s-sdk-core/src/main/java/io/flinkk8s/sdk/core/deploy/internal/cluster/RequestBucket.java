package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.flinkk8s.sdk.core.deploy.RequestRate;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket limiting one deployer's requests to its {@link RequestRate}: it holds at most
 * {@code burst} permits, starts full and gains {@code permitsPerSecond} a second. {@link #acquire}
 * takes one permit, waiting (interruptibly, by sleeping, never spinning) when none is left; callers
 * are served in the order they asked, since each takes its permit ahead of time and waits until it
 * is due. An unlimited bucket ({@link #unlimited()}) takes nothing and never waits. The clock and
 * the sleeper are injectable for tests. Thread-safe.
 */
public final class RequestBucket {

    /** Waits a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {

        /** Sleeps {@code nanos} nanoseconds. */
        void sleep(long nanos) throws InterruptedException;

        /** {@link TimeUnit#sleep}: the thread's own sleep. */
        static Sleeper system() {
            return TimeUnit.NANOSECONDS::sleep;
        }
    }

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final boolean unlimited;
    private final double permitsPerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final AtomicLong taken = new AtomicLong();

    // guarded by this
    private double permits;
    private long updated;

    private RequestBucket(
            boolean unlimited,
            double permitsPerSecond,
            int burst,
            LongSupplier nanoClock,
            Sleeper sleeper) {
        this.unlimited = unlimited;
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.permits = burst;
        this.updated = unlimited ? 0 : nanoClock.getAsLong();
    }

    /** A bucket that never limits: {@link #acquire} returns at once and counts nothing. */
    public static RequestBucket unlimited() {
        return new RequestBucket(true, 1, 1, () -> 0L, nanos -> {});
    }

    /**
     * A bucket of {@code rate} when there is one (see {@link #of(RequestRate)}), else unlimited.
     */
    public static RequestBucket of(Optional<RequestRate> rate) {
        return rate.map(RequestBucket::of).orElseGet(RequestBucket::unlimited);
    }

    /** A bucket of {@code rate} on the system's monotonic clock, sleeping the calling thread. */
    public static RequestBucket of(RequestRate rate) {
        return of(rate, System::nanoTime, Sleeper.system());
    }

    /**
     * A bucket of {@code rate} on {@code nanoClock} (monotonic nanoseconds), waiting with {@code
     * sleeper}.
     */
    public static RequestBucket of(RequestRate rate, LongSupplier nanoClock, Sleeper sleeper) {
        return new RequestBucket(false, rate.permitsPerSecond(), rate.burst(), nanoClock, sleeper);
    }

    /**
     * Takes one permit for one request, waiting until it is due.
     *
     * @throws FlinkK8sException when interrupted while waiting (the interrupt is kept for the
     *     caller; the permit stays taken)
     */
    public void acquire() {
        if (unlimited) {
            return;
        }
        long wait = reserve();
        taken.incrementAndGet();
        if (wait <= 0) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException(
                    "Interrupted while waiting for the deployer's request rate"
                            + " (DeployOptions.requestRate); the operation was abandoned part way"
                            + " and is safe to repeat",
                    e);
        }
    }

    /** How many permits {@link #acquire} has taken (none for an unlimited bucket). */
    public long permitsTaken() {
        return taken.get();
    }

    /** Takes a permit now, ahead of time if need be; returns how many nanoseconds it is due in. */
    private synchronized long reserve() {
        long now = nanoClock.getAsLong();
        if (now > updated) {
            permits =
                    Math.min(
                            burst, permits + (now - updated) * permitsPerSecond / NANOS_PER_SECOND);
            updated = now;
        }
        permits -= 1;
        return permits >= 0 ? 0 : (long) Math.ceil(-permits * NANOS_PER_SECOND / permitsPerSecond);
    }
}
