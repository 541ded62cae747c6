package io.flinkk8s.sdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The cluster's time: it stands still until the test moves it with {@link
 * FlinkK8sCluster#advance(Duration)}, so probes, HPA windows and every timestamp the controllers
 * write are deterministic and no test sleeps. Thread-safe.
 */
public final class VirtualClock extends Clock {

    private volatile Instant now;

    VirtualClock(Instant start) {
        this.now = start;
    }

    /** The current virtual time. */
    @Override
    public Instant instant() {
        return now;
    }

    /** Always UTC. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: the virtual clock has no other zones. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalStateException(
                    "virtual time cannot go back (testkit bug): " + instant + " < " + now);
        }
        now = instant;
    }
}
