package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade Lease on fabric8's mock API server (CRUD mode, which refuses a write at a stale
 * resourceVersion as the API server does): who may take it, renewal, release.
 */
@EnableKubernetesMockClient(crud = true)
class UpgradeLeasesTest {

    private static final EffectiveSpec ORDERS = EffectiveSpec.of(Specs.statefulHa());
    private static final String LEASE = ResourceNames.of("orders").upgradeLease();
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private KubernetesClient client;
    private final MovableClock clock = new MovableClock(T0);
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void ofTwoDeployersThatReadTheSameExpiredLeaseExactlyOneTakesIt() {
        // given: a lease whose holder stopped renewing long ago, read by both
        createLease("a-deployer-that-died", T0.minusSeconds(60));
        Lease seen = lease();
        UpgradeLeases first = leases("deployer-1");
        UpgradeLeases second = leases("deployer-2");
        // when
        UpgradeLeases.Attempt won = first.take(ORDERS, seen);
        UpgradeLeases.Attempt lost = second.take(ORDERS, seen);
        // then
        assertThat(won.won()).isTrue();
        assertThat(lost.won()).isFalse();
        assertThat(lost.holder().identity()).isEqualTo("deployer-1");
        assertThat(lost.holder().expiresAt()).isEqualTo(T0.plusSeconds(15));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("deployer-1");
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void ofTwoDeployersCreatingTheLeaseExactlyOneCreatesIt() {
        UpgradeLeases.Attempt won = leases("deployer-1").take(ORDERS, null);
        UpgradeLeases.Attempt lost = leases("deployer-2").take(ORDERS, null);

        assertThat(won.won()).isTrue();
        assertThat(lost.won()).isFalse();
        assertThat(lost.holder().identity()).isEqualTo("deployer-1");
        assertThat(lease().getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, "sdk-upgrade")
                .containsEntry(ResourceLabels.INSTANCE, "orders");
    }

    @Test
    void aLiveHoldersLeaseIsRespectedUntilItExpires() {
        // given: renewed 14 s ago, 15 s lease
        createLease("another-deployer", T0.minusSeconds(14));
        UpgradeLeases mine = leases("deployer-1");
        // when
        UpgradeLeases.Attempt early = mine.acquire(ORDERS);
        clock.advance(Duration.ofSeconds(1));
        UpgradeLeases.Attempt expired = mine.acquire(ORDERS);
        // then
        assertThat(early.won()).isFalse();
        assertThat(early.holder())
                .isEqualTo(
                        new UpgradeLeases.Holder(
                                "another-deployer",
                                T0.minusSeconds(14),
                                T0.plusSeconds(1),
                                "streaming/" + LEASE,
                                false));
        assertThat(expired.won()).isTrue();
    }

    @Test
    void aLeaseThisDeployerHoldsInAnotherCallIsNotTakenAgain() {
        UpgradeLeases mine = leases("deployer-1");
        mine.acquire(ORDERS);

        UpgradeLeases.Attempt again = mine.acquire(ORDERS);

        assertThat(again.won()).isFalse();
        assertThat(again.holder().holdsTheLease())
                .startsWith(
                        "This deployer (deployer-1), in another call, holds the upgrade lease"
                                + " streaming/"
                                + LEASE);
    }

    @Test
    void aLeaseLeftUnderThisDeployersIdWithoutAnOperationIsTakenBack() {
        createLease("deployer-1", T0);

        assertThat(leases("deployer-1").acquire(ORDERS).won()).isTrue();
    }

    @Test
    void aHoldRenewsOnTheDeployersSchedulerUntilClosedThenReleasesTheLease() {
        // given
        UpgradeLeases.Hold hold = leases("deployer-1").acquire(ORDERS).hold();
        assertThat(scheduler.getQueue()).as("one renewal scheduled").hasSize(1);
        // when
        clock.advance(Duration.ofSeconds(5));
        hold.renew();
        Instant renewed = lease().getSpec().getRenewTime().toInstant();
        hold.close();
        // then
        assertThat(renewed).isEqualTo(T0.plusSeconds(5));
        assertThat(scheduler.getQueue()).as("no renewal left behind").isEmpty();
        assertThat(lease().getSpec().getHolderIdentity()).isNull();
        assertThat(leases("deployer-2").acquire(ORDERS).won()).isTrue();
    }

    private UpgradeLeases leases(String id) {
        scheduler.setRemoveOnCancelPolicy(true);
        DeployOptions options = DeployOptions.builder().clock(clock).build();
        return new UpgradeLeases(
                client,
                new Retrier(options.retryPolicy(), Retrier.Discovery.of(client)),
                options,
                id,
                scheduler);
    }

    private Lease lease() {
        return client.leases().inNamespace("streaming").withName(LEASE).get();
    }

    private void createLease(String holder, Instant renewed) {
        client.leases()
                .inNamespace("streaming")
                .resource(
                        new LeaseBuilder()
                                .withNewMetadata()
                                .withName(LEASE)
                                .withNamespace("streaming")
                                .endMetadata()
                                .withNewSpec()
                                .withHolderIdentity(holder)
                                .withLeaseDurationSeconds(15)
                                .withRenewTime(renewed.atZone(ZoneOffset.UTC))
                                .withLeaseTransitions(0)
                                .endSpec()
                                .build())
                .create();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
