package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.deploy.BulkOutcome;
import io.flinkk8s.sdk.core.deploy.BulkOutcome.Status;
import io.flinkk8s.sdk.core.deploy.BulkResult;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.RequestRate;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.BulkReconcile;
import io.flinkk8s.sdk.core.deploy.internal.DeployerEngine;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RequestBucket;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code FlinkDeployer.applyAll} and {@code planAll} on the in-memory cluster: outcomes in input
 * order, failures (invalid specs, duplicates, API errors) confined to their deployment, bounded
 * concurrency, progress events, the request rate, and interruption.
 */
class BulkApplyIT {

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void applyAllAppliesEveryDeploymentAndReportsThemInInputOrderThenFindsThemUnchanged() {
        FlinkDeployer deployer = fixture.deployer();
        List<FlinkDeploymentSpec> specs =
                List.of(named("c-orders"), named("a-orders"), named("b-orders"));

        BulkResult first = deployer.applyAll(specs);
        fixture.cluster.settle();
        fixture.cluster.requests().reset();
        BulkResult again = deployer.applyAll(specs);

        assertThat(first.outcomes())
                .extracting(BulkOutcome::name, BulkOutcome::status)
                .containsExactly(
                        tuple("c-orders", Status.APPLIED),
                        tuple("a-orders", Status.APPLIED),
                        tuple("b-orders", Status.APPLIED));
        assertThat(first.outcomes())
                .allSatisfy(
                        o -> {
                            assertThat(o.namespace()).isEqualTo(DeployFixture.NAMESPACE);
                            assertThat(o.applyResult()).isPresent();
                            assertThat(o.plan().changes(ResourceChange.Action.CREATE)).isNotEmpty();
                        });
        assertThat(again.outcomes()).extracting(BulkOutcome::status).containsOnly(Status.UNCHANGED);
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(again.allSucceeded()).isTrue();
    }

    @Test
    void oneDeploymentsApiFailureIsItsOwnOutcomeAndTheOthersAreApplied() {
        FlinkDeployer deployer = fixture.deployer();
        // only the spec with Kubernetes HA renders a RoleBinding: its apply is refused
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "rolebindings", 403);

        BulkResult result =
                deployer.applyAll(List.of(named("first"), withHa("with-ha"), named("last")));

        assertThat(result.outcomes())
                .extracting(BulkOutcome::name, BulkOutcome::status)
                .containsExactly(
                        tuple("first", Status.APPLIED),
                        tuple("with-ha", Status.FAILED),
                        tuple("last", Status.APPLIED));
        BulkOutcome failed = result.outcomes().get(1);
        assertThat(failed.failure()).isInstanceOf(ApplyException.class);
        assertThat(failed.failure().getMessage()).contains("with-ha");
        assertThat(result.allSucceeded()).isFalse();
        assertThat(result.with(Status.FAILED)).containsExactly(failed);
    }

    @Test
    void anInvalidSpecFailsWithEveryViolationAndNoRequestWhileTheOthersAreApplied() {
        FlinkDeployer deployer = fixture.deployer();
        // the records hold any value; the validator is the judge
        FlinkDeploymentSpec invalid = named("broken").withTaskManagerReplicas(0);
        fixture.cluster.requests().reset();

        BulkResult result = deployer.applyAll(List.of(invalid, named("fine")));

        assertThat(result.outcomes())
                .extracting(BulkOutcome::name, BulkOutcome::status)
                .containsExactly(tuple("broken", Status.FAILED), tuple("fine", Status.APPLIED));
        assertThat(result.outcomes().get(0).failure())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("taskManager.replicas: must be >= 1, was 0");
        assertThat(fixture.cluster.requests().all())
                .extracting(ApiRequest::name)
                .noneMatch(n -> n != null && n.startsWith("broken"));
    }

    @Test
    void aSecondSpecForTheSameDeploymentFailsAndOnlyTheFirstIsApplied() {
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentSpec second =
                FlinkK8s.from(named("twice")).image("registry.example.com/orders:2.0").build();

        BulkResult result = deployer.applyAll(List.of(named("twice"), second));

        assertThat(result.outcomes())
                .extracting(BulkOutcome::status)
                .containsExactly(Status.APPLIED, Status.FAILED);
        assertThat(result.outcomes().get(1).failure())
                .hasMessage(
                        "Deployment streaming/twice appears more than once in the bulk input"
                                + " (positions 0 and 1); only the first was run. Give each"
                                + " deployment once.");
        assertThat(fixture.cluster.requests().writes()).extracting(ApiRequest::name).isNotEmpty();
        assertThat(deployer.handle(DeployFixture.NAMESPACE, "twice").status().toString())
                .doesNotContain("orders:2.0");
    }

    @Test
    void planAllWritesNothingAndSaysWhichDeploymentsWouldChange() {
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(named("applied"));
        fixture.cluster.settle();
        fixture.cluster.requests().reset();

        BulkResult plans = deployer.planAll(List.of(named("applied"), named("new")));

        assertThat(plans.outcomes())
                .extracting(BulkOutcome::name, BulkOutcome::status)
                .containsExactly(
                        tuple("applied", Status.UNCHANGED), tuple("new", Status.CHANGES_PLANNED));
        assertThat(plans.outcomes().get(1).plan().changes(ResourceChange.Action.CREATE))
                .isNotEmpty();
        assertThat(plans.outcomes()).allSatisfy(o -> assertThat(o.applyResult()).isEmpty());
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void everyFinishedDeploymentIsAProgressEventAndAtMostBulkConcurrencyRunAtOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<ProgressEvent> bulkEvents = new ArrayList<>();
        FlinkDeployer deployer =
                fixture.deployer(
                        fixture.options()
                                .bulkConcurrency(2)
                                .progressListener(
                                        e -> {
                                            if (e.operation().equals("apply")) {
                                                threads.add(Thread.currentThread().getName());
                                            }
                                            if (e.operation().equals("apply-all")) {
                                                synchronized (bulkEvents) {
                                                    bulkEvents.add(e);
                                                }
                                            }
                                        })
                                .build());

        BulkResult result =
                deployer.applyAll(
                        List.of(named("d1"), named("d2"), named("d3"), named("d4"), named("d5")));

        assertThat(result.count(Status.APPLIED)).isEqualTo(5);
        assertThat(threads)
                .hasSizeBetween(1, 2)
                .allMatch(t -> t.startsWith("flink-k8s-apply-all-"));
        assertThat(bulkEvents)
                .extracting(ProgressEvent::name)
                .containsExactlyInAnyOrder("d1", "d2", "d3", "d4", "d5");
        assertThat(bulkEvents)
                .extracting(ProgressEvent::message)
                .anyMatch(m -> m.equals("APPLIED (5 of 5 done)"));
    }

    @Test
    void everyRequestOfABulkApplyTakesAPermitOfTheDeployersRate() {
        AtomicLong now = new AtomicLong();
        RequestBucket bucket =
                RequestBucket.of(new RequestRate(1_000, 5), now::get, now::addAndGet);
        fixture.cluster.requests().reset();

        try (DeployerEngine engine =
                DeployerEngine.start(fixture.cluster.client(), fixture.options().build(), bucket)) {
            BulkResult result =
                    engine.applyAll(
                            Stream.of(named("r1"), named("r2"), named("r3"))
                                    .map(
                                            s ->
                                                    new BulkReconcile.Judged(
                                                            s, EffectiveSpec.of(s), null))
                                    .toList());
            assertThat(result.count(Status.APPLIED)).isEqualTo(3);
        }

        assertThat(bucket.permitsTaken()).isEqualTo(fixture.cluster.requests().all().size());
    }

    @Test
    void anEqualSpecReadAnewIsNotJudgedAgainAndAChangedOneIs() {
        try (DeployerEngine engine =
                DeployerEngine.start(fixture.cluster.client(), fixture.options().build())) {
            FlinkDeploymentSpec spec = named("j1");
            EffectiveSpec first = engine.judge(spec);

            FlinkDeploymentSpec readAnew =
                    SpecSerialization.fromJson(SpecSerialization.toJson(spec));
            FlinkDeploymentSpec scaled = spec.withTaskManagerReplicas(5);

            assertThat(engine.judge(readAnew)).isSameAs(first);
            EffectiveSpec judgedScaled = engine.judge(scaled);
            assertThat(judgedScaled).isNotSameAs(first);
            assertThat(judgedScaled.asWritten()).isSameAs(scaled);
            assertThat(judgedScaled.spec().taskManager().replicas()).isEqualTo(5);
            assertThatThrownBy(() -> engine.judge(spec.withTaskManagerReplicas(0)))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("taskManager.replicas");
        }
    }

    @Test
    void interruptingTheCallerLetsTheRunningApplyFinishAndCancelsTheDeploymentsNotStarted()
            throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FlinkDeployer deployer =
                fixture.deployer(
                        fixture.options()
                                .bulkConcurrency(1)
                                .progressListener(
                                        e -> {
                                            if (e.operation().equals("apply")
                                                    && e.name().equals("running")) {
                                                started.countDown();
                                                awaitQuietly(release);
                                            }
                                        })
                                .build());
        List<BulkResult> results = new ArrayList<>();
        Thread caller =
                new Thread(
                        () ->
                                results.add(
                                        deployer.applyAll(
                                                List.of(
                                                        named("running"),
                                                        named("later-1"),
                                                        named("later-2")))));
        caller.start();

        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        // the caller marks the bulk cancelled and waits again before the running apply goes on
        awaitWaitingAfterInterrupt(caller);
        release.countDown();
        caller.join(20_000);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).outcomes())
                .extracting(BulkOutcome::name, BulkOutcome::status)
                .containsExactly(
                        tuple("running", Status.APPLIED),
                        tuple("later-1", Status.CANCELLED),
                        tuple("later-2", Status.CANCELLED));
        assertThat(fixture.cluster.requests().all())
                .extracting(ApiRequest::name)
                .noneMatch(n -> n != null && n.startsWith("later-"));
        assertThat(
                        fixture.cluster.find(
                                io.fabric8.kubernetes.api.model.ConfigMap.class,
                                DeployFixture.NAMESPACE,
                                "running-sdk-state"))
                .as("the running apply finished with its state record")
                .isPresent();
    }

    @Test
    void aNullSpecIsRefusedBeforeAnyRequest() {
        FlinkDeployer deployer = fixture.deployer();
        fixture.cluster.requests().reset();

        assertThatThrownBy(() -> deployer.applyAll(Arrays.asList(named("x"), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("specs[1]");
        assertThat(fixture.cluster.requests().all()).isEmpty();
    }

    private static FlinkDeploymentSpec named(String name) {
        return FlinkK8s.from(Specs.ordersWithoutHa()).name(name).build();
    }

    private static FlinkDeploymentSpec withHa(String name) {
        return FlinkK8s.from(Specs.orders()).name(name).build();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bounded: the caller's interrupt consumed and the caller waiting again. */
    private static void awaitWaitingAfterInterrupt(Thread caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (caller.isInterrupted() || caller.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the caller did not take its interrupt: " + caller.getState());
            }
            Thread.onSpinWait();
        }
    }
}
