package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Event;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.HealthVerdict;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.testkit.faults.ContainerCrash;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waits end early, with the cause, when success has become impossible: each cause produced through
 * the testkit's fault API, as a consumer's test would. A wait of 5 minutes must fail in well under
 * a minute (the machine may be slow; the default grace is 5 s), naming the cause, and the cause is
 * in {@code status()} and in one Kubernetes Event on the workload.
 */
class FailFastIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration LONG_WAIT = Duration.ofMinutes(5);
    private static final Duration WELL_UNDER = Duration.ofSeconds(60);
    private static final String IMAGE = "registry.example.com/orders:1.0";

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A deployer whose waits fail at once when a cause shows. */
    private FlinkDeployer impatient() {
        return fixture.deployer(fixture.options().failFastGrace(Duration.ZERO).build());
    }

    @Test
    void anUnpullableImageFailsTheWaitInSecondsNamingErrImagePull() {
        // given: the default options, the image cannot be pulled
        FlinkDeployer deployer = fixture.deployer();
        fixture.cluster.faults().failImagePull(IMAGE);
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        long start = System.nanoTime();
        // when
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> orders.waitUntilRunning(LONG_WAIT), DeploymentFailedException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // then
        assertThat(e).as("the wait failed with the cause").isNotNull();
        assertThat(took).isLessThan(WELL_UNDER);
        assertThat(e.reason()).isEqualTo("ErrImagePull");
        assertThat(e.workload()).isEqualTo("orders-jobmanager");
        assertThat(e.getMessage())
                .startsWith("streaming/orders cannot become ready: ErrImagePull")
                .contains(IMAGE)
                .contains("Check the image name and tag");
    }

    @Test
    void aCrashLoopFailsTheWaitWithTheLastTerminationAndTheLogTail() {
        // given
        fixture.cluster
                .faults()
                .crashLoop(
                        NS,
                        "orders-taskmanager",
                        ContainerCrash.oomKilled(
                                "Starting TaskExecutor",
                                "java.lang.OutOfMemoryError: Java heap space"));
        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        // when
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> orders.waitUntilRunning(LONG_WAIT), DeploymentFailedException.class);
        // then
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(e.workload()).isEqualTo("orders-taskmanager");
        assertThat(e.getMessage())
                .contains("OOMKilled (exit code 137)")
                .contains("java.lang.OutOfMemoryError: Java heap space")
                .contains("give it more");
        DeploymentStatus status = orders.status();
        assertThat(status.verdict()).isEqualTo(HealthVerdict.FAILED);
        assertThat(status.condition(Condition.READY).orElseThrow().reason())
                .isEqualTo("CrashLoopBackOff");
        assertThat(status.condition(Condition.DEGRADED).orElseThrow().message())
                .contains("OOMKilled (exit code 137)");
    }

    @Test
    void anUnschedulablePodFailsTheWaitWithTheSchedulersMessage() {
        // given
        String scheduler = "0/3 nodes are available: 3 Insufficient cpu.";
        fixture.cluster.faults().failScheduling(NS, "orders-taskmanager", scheduler);
        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        // when
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> orders.waitUntilReady(LONG_WAIT), DeploymentFailedException.class);
        // then
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("Unschedulable");
        assertThat(e.getMessage()).contains(scheduler);
        assertThat(orders.status().condition(Condition.PROGRESSING).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Condition.Status.FALSE);
                            assertThat(c.reason()).isEqualTo("Unschedulable");
                            assertThat(c.message()).contains(scheduler);
                        });
    }

    @Test
    void aFailedJobFailsTheWaitWithFlinksRootException() {
        // given: a running job that then fails
        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        orders.waitUntilRunning(LONG_WAIT);
        String root = "java.lang.IllegalStateException: topic orders does not exist";
        fixture.cluster.faults().failJob(NS, "orders", root);
        long start = System.nanoTime();
        // when / then
        assertThatThrownBy(() -> orders.waitUntilRunning(LONG_WAIT))
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining("FAILED: " + root);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_UNDER);
        DeploymentStatus status = orders.status();
        assertThat(status.verdict()).isEqualTo(HealthVerdict.FAILED);
        assertThat(status.job().rootException()).isEqualTo(root);
        assertThat(status.condition(Condition.DEGRADED).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.reason()).isEqualTo("JobFailed");
                            assertThat(c.message()).endsWith("FAILED: " + root);
                        });
        assertThat(sdkEvents())
                .singleElement()
                .satisfies(
                        ev -> {
                            assertThat(ev.getReason()).isEqualTo("JobFailed");
                            assertThat(ev.getInvolvedObject().getName())
                                    .isEqualTo("orders-jobmanager");
                        });
    }

    @Test
    void theCauseIsWrittenOnceAsAWarningEventOnTheWorkload() {
        // given
        fixture.cluster.faults().failImagePull(IMAGE);
        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        // when: two waits fail with the same cause
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> orders.waitUntilRunning(LONG_WAIT))
                    .isInstanceOf(DeploymentFailedException.class);
        }
        // then
        assertThat(sdkEvents())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getReason()).isEqualTo("ErrImagePull");
                            assertThat(e.getMessage()).contains(IMAGE);
                            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
                            assertThat(e.getInvolvedObject().getName())
                                    .isEqualTo("orders-jobmanager");
                            assertThat(e.getInvolvedObject().getUid()).isNotBlank();
                            assertThat(e.getMetadata().getName())
                                    .matches("orders-jobmanager\\.[0-9a-f]{16}");
                        });
        // and the status carries it among the deployment's Warning Events
        assertThat(orders.status().events())
                .anySatisfy(
                        e -> {
                            assertThat(e.kind()).isEqualTo("Deployment");
                            assertThat(e.reason()).isEqualTo("ErrImagePull");
                        });
    }

    @Test
    void aCauseThatClearsWithinTheGraceDoesNotFailTheWait() {
        // given: the image cannot be pulled for a moment, then can
        FlinkDeployer patient =
                fixture.deployer(fixture.options().failFastGrace(Duration.ofMinutes(10)).build());
        fixture.cluster.faults().failImagePull(IMAGE);
        FlinkDeploymentHandle orders = patient.apply(Specs.orders());
        // when
        fixture.cluster.faults().clearPodFaults();
        orders.waitUntilRunning(LONG_WAIT);
        // then
        assertThat(orders.status().verdict()).isEqualTo(HealthVerdict.HEALTHY);
        assertThat(sdkEvents()).isEmpty();
    }

    @Test
    void anUpgradeToAnUnpullableImageIsRolledBackWithoutWaitingForItsTimeout() {
        // given: v1 runs; v2's image cannot be pulled; the upgrade would wait 5 minutes
        FlinkDeployer deployer =
                fixture.deployer(
                        fixture.options()
                                .failFastGrace(Duration.ZERO)
                                .readyTimeout(LONG_WAIT)
                                .build());
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(LONG_WAIT);
        String v2 = "registry.example.com/orders:typo";
        fixture.cluster.faults().failImagePull(v2);
        long start = System.nanoTime();
        // when / then
        assertThatThrownBy(() -> deployer.apply(Specs.ordersImage(v2)))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("ErrImagePull")
                .hasMessageContaining("rolled back to the previous spec");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_UNDER);
        assertThat(orders.spec().image()).isEqualTo(IMAGE);
        orders.waitUntilRunning(LONG_WAIT);
        assertThat(orders.status().verdict()).isEqualTo(HealthVerdict.HEALTHY);
    }

    @Test
    void aWaitWhoseReadsTheApiServerDoesNotAnswerKeepsWaiting() {
        // given: the next 20 LISTs of pods answer 500, more than one read's retries
        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        fixture.cluster.faults().failNextRequests(ApiVerb.LIST, "pods", 500, 20);
        // when
        orders.waitUntilRunning(LONG_WAIT);
        // then
        assertThat(orders.status().verdict()).isEqualTo(HealthVerdict.HEALTHY);
        assertThat(fixture.events())
                .anySatisfy(
                        e -> assertThat(e.message()).isEqualTo("the API server did not answer"));
    }

    @Test
    void onTheOperatorTargetAnUnpullableImageFailsTheWaitInSecondsNamingErrImagePull() {
        // given: the operator's JobManager pods cannot pull the image
        fixture.cluster.faults().failImagePull(IMAGE);
        FlinkDeploymentHandle orders =
                fixture.deployer().apply(Specs.orders().withTarget(RenderTarget.OPERATOR));
        long start = System.nanoTime();
        // when
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> orders.waitUntilRunning(LONG_WAIT), DeploymentFailedException.class);
        // then: named after the operator's JobManager Deployment, written on it as an Event
        assertThat(e).as("the wait failed with the cause").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_UNDER);
        assertThat(e.reason()).isEqualTo("ErrImagePull");
        assertThat(e.workload()).isEqualTo("orders");
        assertThat(e.getMessage())
                .startsWith("streaming/orders cannot become ready: ErrImagePull")
                .contains(IMAGE)
                .contains("Check the image name and tag");
        assertThat(sdkEvents())
                .singleElement()
                .satisfies(
                        ev -> {
                            assertThat(ev.getReason()).isEqualTo("ErrImagePull");
                            assertThat(ev.getInvolvedObject().getName()).isEqualTo("orders");
                        });
        DeploymentStatus status = orders.status();
        assertThat(status.verdict()).isEqualTo(HealthVerdict.FAILED);
        assertThat(status.condition(Condition.READY).orElseThrow().reason())
                .isEqualTo("ErrImagePull");
    }

    @Test
    void onTheOperatorTargetACrashingTaskManagerFailsTheWaitThoughTheOperatorSaysNothing() {
        // given: the operator's TaskManagers (standalone mode: Deployment orders-taskmanager)
        // crash; the operator's own status says nothing about them
        fixture.cluster
                .faults()
                .crashLoop(
                        NS,
                        "orders-taskmanager",
                        ContainerCrash.exits(1, "Could not start the TaskExecutor"));
        FlinkDeploymentHandle orders =
                impatient()
                        .apply(
                                Specs.orders()
                                        .withTarget(RenderTarget.OPERATOR)
                                        .edit()
                                        .operator(
                                                OperatorSpec.unset()
                                                        .withMode(OperatorMode.STANDALONE))
                                        .build());
        // when
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> orders.waitUntilRunning(LONG_WAIT), DeploymentFailedException.class);
        // then
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(e.workload()).isEqualTo("orders-taskmanager");
        assertThat(e.getMessage()).contains("exit code 1").contains("Could not start");
    }

    @Test
    void onTheOperatorTargetACauseThatClearsWithinTheGraceDoesNotFailTheWait() {
        // given
        FlinkDeployer patient =
                fixture.deployer(fixture.options().failFastGrace(Duration.ofMinutes(10)).build());
        fixture.cluster.faults().failImagePull(IMAGE);
        FlinkDeploymentHandle orders =
                patient.apply(Specs.orders().withTarget(RenderTarget.OPERATOR));
        // when
        fixture.cluster.faults().clearPodFaults();
        // then
        orders.waitUntilRunning(LONG_WAIT);
        assertThat(orders.status().verdict()).isEqualTo(HealthVerdict.HEALTHY);
    }

    /** The Events the SDK wrote. */
    private List<Event> sdkEvents() {
        return fixture.cluster.list(Event.class, NS).stream()
                .filter(
                        e ->
                                e.getSource() != null
                                        && "flink-k8s-sdk".equals(e.getSource().getComponent()))
                .toList();
    }
}
