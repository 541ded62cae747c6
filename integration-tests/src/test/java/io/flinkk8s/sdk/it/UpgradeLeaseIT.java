package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade Lease {@code <name>-sdk-upgrade}: an upgrade whose deployer died or gave up is taken
 * over at once, one whose deployer is alive (and renews its Lease) is left alone, and of two
 * deployers taking one over, one wins.
 */
class UpgradeLeaseIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlinkDeploymentSpec V2 =
            Specs.ordersImage("registry.example.com/orders:2.0");
    private static final String OTHER_REPLICA = "orders-service-replica-2";

    private final DeployFixture fixture = new DeployFixture();
    private FlinkDeploymentHandle orders;
    private SimulatedFlinkRuntime v1;
    private JobID v1Job;

    @BeforeEach
    void runVersionOne() {
        orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        v1 = runtime();
        v1Job = v1.jobs().get(0).id();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anUpgradeLeftByADeployerThatDiedIsTakenOverAtOnce() throws Exception {
        // given: claimed a moment ago by a deployer that holds no lease (it died)
        StateRecords.claimedByADeadDeployer(fixture.cluster, V2, v1Job.toHexString(), now());
        // when
        ApplyResult result = fixture.deployer().apply(V2).lastApply().orElseThrow();
        // then: the old job still ran, so the upgrade started over from a new savepoint
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        SimulatedFlinkRuntime v2 = runtime();
        assertThat(v2.restoredFrom(v2.jobs().get(0).id())).contains(v1.savepoints().get(0).path());
        assertThat(orders.status().upgradeStep()).isNull();
    }

    @Test
    void anUpgradeThatFailedIsFinishedByAnotherDeployerAtOnce() {
        // given: the savepoint is taken and recorded, then applying the new objects fails
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "deployments", 422);
        assertThatThrownBy(() -> fixture.deployer().apply(V2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("has its savepoint");
        fixture.cluster.faults().clearApiFaults();
        assertThat(orders.status().upgradeStep()).isEqualTo(UpgradeStep.SAVEPOINT_TAKEN);
        // when: a restarted service, a moment later
        ApplyResult result = fixture.deployer().apply(V2).lastApply().orElseThrow();
        // then
        assertThat(result.transition()).isEqualTo(Transition.RESUMED_UPGRADE);
        SimulatedFlinkRuntime v2 = runtime();
        assertThat(v2.restoredFrom(v2.jobs().get(0).id())).contains(v1.savepoints().get(0).path());
        assertThat(v1.savepoints()).hasSize(1);
        assertThat(orders.spec().image()).isEqualTo("registry.example.com/orders:2.0");
    }

    @Test
    void anUpgradeWhoseDeployerHoldsALiveLeaseIsLeftAlone() throws Exception {
        // given: claimed long ago, but its deployer renewed its lease just now
        StateRecords.claimedByADeadDeployer(
                fixture.cluster, V2, v1Job.toHexString(), now().minus(Duration.ofHours(2)));
        Instant renewed = now();
        StateRecords.leaseHeldBy(fixture.cluster, NS, "orders", OTHER_REPLICA, renewed, 15);
        fixture.cluster.requests().reset();
        FlinkDeployer other = onVirtualTime();
        // when / then
        assertThatThrownBy(() -> other.apply(V2))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isFalse())
                .hasMessageContaining("Another deployer (" + OTHER_REPLICA + ")")
                .hasMessageContaining("holds the upgrade lease " + NS + "/" + NAMES.upgradeLease())
                .hasMessageContaining("until " + renewed.plusSeconds(15))
                .hasMessageContaining("This apply did nothing");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(v1.job(v1Job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aLeaseNoLongerRenewedExpiresWithinItsDurationAndTheNextDeployerResumes() throws Exception {
        // given: a live lease, refused once
        StateRecords.claimedByADeadDeployer(fixture.cluster, V2, v1Job.toHexString(), now());
        StateRecords.leaseHeldBy(fixture.cluster, NS, "orders", OTHER_REPLICA, now(), 15);
        FlinkDeployer other = onVirtualTime();
        assertThatThrownBy(() -> other.apply(V2)).isInstanceOf(UpgradeException.class);
        // when: its holder stops renewing for the lease's duration
        fixture.cluster.advance(Duration.ofSeconds(15));
        ApplyResult result = other.apply(V2).lastApply().orElseThrow();
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(orders.spec().image()).isEqualTo("registry.example.com/orders:2.0");
        assertThat(holder()).isEmpty();
    }

    @Test
    void aDeployerRenewsItsLeaseWhileItWorksSoAnotherWaits() throws Exception {
        // given: an upgrade whose new TaskManagers turn ready only after 30 s (virtual)
        FlinkDeploymentSpec slowV2 =
                FlinkK8s.from(Specs.withTaskManagerReadinessDelay(30))
                        .image("registry.example.com/orders:2.0")
                        .build();
        FlinkDeployer working =
                fixture.deployer(
                        fixture.options()
                                .clock(fixture.cluster.clock())
                                .upgradeLeaseDuration(Duration.ofSeconds(1))
                                .build());
        CompletableFuture<ApplyResult> upgrade =
                CompletableFuture.supplyAsync(
                        () -> working.apply(slowV2).lastApply().orElseThrow());
        Lease held = awaitLease(l -> l.getSpec().getHolderIdentity() != null);
        String holder = held.getSpec().getHolderIdentity();
        // when: time passes beyond the lease's duration, and the holder renews in between
        fixture.cluster.advance(Duration.ofMillis(700));
        Instant advanced = now();
        awaitLease(l -> !l.getSpec().getRenewTime().toInstant().isBefore(advanced));
        fixture.cluster.advance(Duration.ofMillis(700));
        // then
        assertThatThrownBy(() -> onVirtualTime().apply(slowV2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("Another deployer (" + holder + ")");
        assertThat(finishRollingOut(upgrade).transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(holder()).isEmpty();
    }

    /**
     * Moves virtual time on, 30 s at a time, until the upgrade's rolling update (one new
     * TaskManager after the other) is done and the upgrade returns: at most 10 steps.
     */
    private ApplyResult finishRollingOut(CompletableFuture<ApplyResult> upgrade) throws Exception {
        for (int step = 0; step < 10 && !upgrade.isDone(); step++) {
            fixture.cluster.advance(Duration.ofSeconds(30));
            try {
                return upgrade.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException rollingOn) {
                // the next TaskManager is starting
            }
        }
        return upgrade.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void ofTwoDeployersTakingOverOneUpgradeAtOnceOneWins() throws Exception {
        // given: an abandoned upgrade, and lease reads slow enough that both read before either
        // writes
        StateRecords.claimedByADeadDeployer(fixture.cluster, V2, v1Job.toHexString(), now());
        fixture.cluster.faults().delayRequests(ApiVerb.GET, "leases", Duration.ofMillis(300));
        FlinkDeployer first = fixture.deployer();
        FlinkDeployer second = fixture.deployer();
        CountDownLatch start = new CountDownLatch(1);
        // when
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (FlinkDeployer d : List.of(first, second)) {
            outcomes.add(
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await();
                                    return d.apply(V2).lastApply().orElseThrow().transition();
                                } catch (UpgradeException e) {
                                    return e;
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            }));
        }
        start.countDown();
        List<Object> results = new ArrayList<>();
        for (CompletableFuture<Object> f : outcomes) {
            // a whole upgrade, slower while other test classes run: a generous bound
            results.add(f.get(3 * WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        // then: exactly one moved the job; the other was refused, or found it done
        assertThat(results).filteredOn(Transition.SAVEPOINT_UPGRADE::equals).hasSize(1);
        assertThat(results)
                .filteredOn(r -> !Transition.SAVEPOINT_UPGRADE.equals(r))
                .singleElement()
                .satisfies(
                        r -> {
                            if (r instanceof UpgradeException e) {
                                assertThat(e.getMessage()).contains("This apply did nothing");
                            } else {
                                assertThat(r).isEqualTo(Transition.NONE);
                            }
                        });
        assertThat(v1.savepoints()).hasSize(1);
        assertThat(orders.spec().image()).isEqualTo("registry.example.com/orders:2.0");
    }

    @Test
    void theLeaseIsReleasedWhenTheUpgradeEnds() {
        // when
        fixture.deployer().apply(V2);
        // then
        assertThat(StateRecords.lease(fixture.cluster, NS, "orders")).isPresent();
        assertThat(holder()).isEmpty();
    }

    @Test
    void aDeployerThatMayNotUseLeasesSaysWhichPermissionItNeeds() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.GET, "leases", 403);
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(V2))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("Lease " + NS + "/" + NAMES.upgradeLease())
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining(
                        "get, create and update on leases (API group coordination.k8s.io) in"
                                + " namespace "
                                + NS);
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::resource)
                .doesNotContain("configmaps", "deployments");
        assertThat(v1.job(v1Job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.status().upgradeStep()).isNull();
    }

    private FlinkDeployer onVirtualTime() {
        return fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());
    }

    private Instant now() {
        return fixture.cluster.clock().instant();
    }

    private Optional<String> holder() {
        return StateRecords.lease(fixture.cluster, NS, "orders")
                .map(Lease::getSpec)
                .map(LeaseSpec::getHolderIdentity);
    }

    /** Waits (at most 20 s) until the deployment's upgrade Lease satisfies {@code condition}. */
    private Lease awaitLease(Predicate<Lease> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Lease> lease = StateRecords.lease(fixture.cluster, NS, "orders");
            if (lease.isPresent() && condition.test(lease.get())) {
                return lease.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the upgrade Lease never got there; last seen " + lease);
            }
            Thread.sleep(5);
        }
    }

    private SimulatedFlinkRuntime runtime() {
        return fixture.runtime(NS, "orders");
    }
}
