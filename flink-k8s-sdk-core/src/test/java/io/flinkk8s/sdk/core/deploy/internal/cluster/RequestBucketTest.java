package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.deploy.RequestRate;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The arithmetic of {@link RequestBucket}, on a fake clock whose sleeper moves it on. */
class RequestBucketTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final List<Long> waits = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theBurstPassesAtOnceThenOnePermitComesPerTenthOfASecondAtTenPerSecond() {
        RequestBucket bucket = bucket(10, 3);

        for (int i = 0; i < 3; i++) {
            bucket.acquire();
        }
        assertThat(waits).isEmpty();

        bucket.acquire();
        bucket.acquire();
        bucket.acquire();

        assertThat(waits).containsExactly(100 * MS, 100 * MS, 100 * MS);
        assertThat(bucket.permitsTaken()).isEqualTo(6);
    }

    @Test
    void aLongQuietSpellRefillsTheBucketOnlyUpToItsBurst() {
        RequestBucket bucket = bucket(10, 3);
        for (int i = 0; i < 3; i++) {
            bucket.acquire();
        }

        now.addAndGet(60_000 * MS); // a minute: 600 permits' worth, capped at 3
        for (int i = 0; i < 3; i++) {
            bucket.acquire();
        }
        assertThat(waits).isEmpty();
        bucket.acquire();

        assertThat(waits).containsExactly(100 * MS);
    }

    @Test
    void partOfAPeriodCountsTowardsTheNextPermit() {
        RequestBucket bucket = bucket(4, 1); // one permit per 250 ms
        bucket.acquire();

        now.addAndGet(100 * MS);
        bucket.acquire();

        assertThat(waits).containsExactly(150 * MS);
    }

    @Test
    void callersArrivingTogetherAreQueuedOnePeriodApart() {
        // a sleeper that does not move the clock: every caller asks at the same instant
        List<Long> queued = new ArrayList<>();
        RequestBucket bucket =
                RequestBucket.of(new RequestRate(2, 1), now::get, queued::add); // 500 ms each

        bucket.acquire();
        bucket.acquire();
        bucket.acquire();
        bucket.acquire();

        assertThat(queued).containsExactly(500 * MS, 1_000 * MS, 1_500 * MS);
    }

    @Test
    void anUnlimitedBucketTakesNoPermitAndNeverWaits() {
        RequestBucket bucket = RequestBucket.of(Optional.empty());
        Thread.currentThread().interrupt(); // any sleep would throw now

        for (int i = 0; i < 10_000; i++) {
            bucket.acquire();
        }

        assertThat(bucket.permitsTaken()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aRateInTheOptionsMakesALimitingBucket() {
        RequestBucket bucket = RequestBucket.of(Optional.of(new RequestRate(1, 2)));

        bucket.acquire();
        bucket.acquire(); // the burst: no wait

        assertThat(bucket.permitsTaken()).isEqualTo(2);
    }

    @Test
    void anInterruptedWaitAbandonsTheRequestAndKeepsTheInterrupt() {
        RequestBucket bucket =
                RequestBucket.of(
                        new RequestRate(1, 1), System::nanoTime, RequestBucket.Sleeper.system());
        bucket.acquire();
        Thread.currentThread().interrupt();

        assertThatThrownBy(bucket::acquire)
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageStartingWith(
                        "Interrupted while waiting for the deployer's request rate"
                                + " (DeployOptions.requestRate)")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    private RequestBucket bucket(double perSecond, int burst) {
        return RequestBucket.of(
                new RequestRate(perSecond, burst),
                now::get,
                nanos -> {
                    waits.add(nanos);
                    now.addAndGet(nanos);
                });
    }
}
