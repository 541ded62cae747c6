package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.RequestRate;
import io.flinkk8s.sdk.core.deploy.internal.DeployerEngine;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RequestBucket;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DeployOptions.requestRate}: a deployer with a rate takes one permit of its bucket per API
 * request attempt, counted against the testkit's request log. The bucket runs on a fake clock that
 * its sleeper moves on, so nothing here waits for real.
 */
class RequestRateIT {

    private static final long MS = 1_000_000L;

    private final DeployFixture fixture = new DeployFixture();
    private final AtomicLong now = new AtomicLong();
    private final List<Long> waits = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aFirstApplyTakesOnePermitPerApiRequestAndWaitsForThoseBeyondTheBurst() {
        RequestBucket bucket = bucket(new RequestRate(100, 2));
        fixture.cluster.requests().reset();

        try (DeployerEngine engine = engine(bucket)) {
            engine.apply(EffectiveSpec.of(Specs.orders()));
        }

        int requests = fixture.cluster.requests().all().size();
        assertThat(requests).isGreaterThan(2);
        assertThat(bucket.permitsTaken()).isEqualTo(requests);
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w).isPositive());
        assertThat(waits.stream().mapToLong(Long::longValue).sum())
                .as("the requests beyond the burst of 2, 10 ms apart at 100 a second")
                .isLessThanOrEqualTo((requests - 2) * 10 * MS);
    }

    @Test
    void aRetriedRequestTakesAPermitForEveryAttempt() {
        RequestBucket bucket = bucket(new RequestRate(1_000, 1_000));
        fixture.cluster.faults().failNextRequests(ApiVerb.PATCH, "configmaps", 503, 2);
        fixture.cluster.requests().reset();

        try (DeployerEngine engine = engine(bucket)) {
            engine.apply(EffectiveSpec.of(Specs.orders()));
        }

        assertThat(fixture.cluster.requests().all()).filteredOn(r -> r.status() == 503).hasSize(2);
        assertThat(bucket.permitsTaken()).isEqualTo(fixture.cluster.requests().all().size());
    }

    @Test
    void aNoOpReApplyTakesAPermitPerRequestItStillSends() {
        RequestBucket bucket = bucket(new RequestRate(1_000, 1_000));
        try (DeployerEngine engine = engine(bucket)) {
            engine.apply(EffectiveSpec.of(Specs.orders()));
            fixture.cluster.settle();
            long before = bucket.permitsTaken();
            fixture.cluster.requests().reset();

            ApplyResult again = engine.apply(EffectiveSpec.of(Specs.orders()));

            assertThat(again.transition()).isEqualTo(Transition.NONE);
            assertThat(bucket.permitsTaken() - before)
                    .isEqualTo(fixture.cluster.requests().all().size());
        }
    }

    @Test
    void aDeployerWithARateInItsOptionsRunsTheJobAndTakesASavepointWithinIt() {
        FlinkDeployer limited =
                fixture.deployer(fixture.options().requestRate(10_000, 100).build());

        FlinkDeploymentHandle orders = limited.apply(Specs.orders());
        orders.waitUntilRunning(Duration.ofSeconds(20));
        SavepointRecord savepoint = orders.triggerSavepoint();

        assertThat(limited.options().requestRate()).contains(new RequestRate(10_000, 100));
        assertThat(orders.status().job().state()).isEqualTo(JobStatus.RUNNING);
        assertThat(savepoint.path())
                .isEqualTo(
                        fixture.cluster
                                .flink(DeployFixture.NAMESPACE, "orders")
                                .lastSavepoint()
                                .orElseThrow()
                                .path());
    }

    private RequestBucket bucket(RequestRate rate) {
        return RequestBucket.of(
                rate,
                now::get,
                nanos -> {
                    synchronized (waits) {
                        waits.add(nanos);
                    }
                    now.addAndGet(nanos);
                });
    }

    private DeployerEngine engine(RequestBucket bucket) {
        DeployOptions options = fixture.options().build();
        return DeployerEngine.start(fixture.cluster.client(), options, bucket);
    }
}
