package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.HealthVerdict;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.testkit.faults.ContainerCrash;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health verdict and conditions of a standalone deployment, from a handle's {@code status()}
 * and from the status view, on the in-memory cluster: UNKNOWN (never FAILED) when the JobManager or
 * the API server cannot be read, and the view tracking again once it can.
 */
class HealthVerdictIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRunningDeploymentIsHealthyAndReadyForItsJobManagersGeneration() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        DeploymentStatus status = orders.status();
        // then
        long generation =
                fixture.cluster
                        .find(Deployment.class, NS, "orders-jobmanager")
                        .orElseThrow()
                        .getMetadata()
                        .getGeneration();
        assertThat(status.verdict()).isEqualTo(HealthVerdict.HEALTHY);
        assertThat(status.conditions())
                .extracting(c -> c.type() + "=" + c.status() + " " + c.reason())
                .containsExactly(
                        "Ready=True Running",
                        "Progressing=False Complete",
                        "Degraded=False AsExpected",
                        "Suspended=False NotSuspended");
        assertThat(status.conditions())
                .allSatisfy(c -> assertThat(c.observedGeneration()).isEqualTo(generation));
    }

    @Test
    void aSuspendedDeploymentIsSuspended() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        orders.suspend();
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.verdict()).isEqualTo(HealthVerdict.SUSPENDED);
        assertThat(status.condition(Condition.SUSPENDED).orElseThrow().isTrue()).isTrue();
        assertThat(status.condition(Condition.READY).orElseThrow().reason()).isEqualTo("Suspended");
    }

    @Test
    void aJobManagerThatDoesNotAnswerIsUnknownNeverFailed() {
        // given: pods ready, but the deployer reaches no JobManager
        deployer.apply(Specs.orders()).waitUntilRunning(WAIT);
        FlinkDeployer blind =
                fixture.deployer(
                        fixture.options()
                                .restEndpointResolver(
                                        (ns, service, port) -> URI.create("http://127.0.0.1:1"))
                                .flinkRequestTimeout(Duration.ofSeconds(2))
                                .build());
        // when
        DeploymentStatus status = blind.handle(NS, "orders").status();
        // then
        assertThat(status.verdict()).isEqualTo(HealthVerdict.UNKNOWN);
        assertThat(status.condition(Condition.READY).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Condition.Status.UNKNOWN);
                            assertThat(c.reason()).isEqualTo("JobManagerUnavailable");
                        });
        assertThat(status.condition(Condition.DEGRADED).orElseThrow().status())
                .isEqualTo(Condition.Status.UNKNOWN);
    }

    @Test
    void aHandlesStatusIsUnknownWithTheCauseWhenTheApiServerCannotBeReadNeverAnException() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        fixture.cluster.faults().failRequests(ApiVerb.GET, "configmaps", 503);
        fixture.cluster.faults().failRequests(ApiVerb.LIST, "configmaps", 503);
        fixture.cluster.faults().failRequests(ApiVerb.LIST, "deployments", 503);
        fixture.cluster.faults().failRequests(ApiVerb.LIST, "pods", 503);
        // when
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.UNKNOWN);
        assertThat(status.verdict()).isEqualTo(HealthVerdict.UNKNOWN);
        assertThat(status.message()).startsWith("the API server could not be read: ");
        assertThat(status.conditions())
                .isNotEmpty()
                .allSatisfy(
                        c -> {
                            assertThat(c.status()).isEqualTo(Condition.Status.UNKNOWN);
                            assertThat(c.reason()).isEqualTo("ApiServerUnavailable");
                            assertThat(c.message()).contains("503");
                        });
        // and once the API server answers, the same handle reads the deployment again
        fixture.cluster.faults().clearApiFaults();
        assertThat(orders.status().verdict()).isEqualTo(HealthVerdict.HEALTHY);
    }

    @Test
    void theViewIsUnknownWhileTheApiServerFailsAndTracksAgainAfterwards() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.await(NS, "orders", verdict(HealthVerdict.HEALTHY), WAIT);
        // when: the API server fails every read of pods, and the watches drop
        fixture.cluster.faults().failRequests(ApiVerb.LIST, "pods", 500);
        fixture.cluster.faults().failRequests(ApiVerb.WATCH, "pods", 500);
        fixture.cluster.faults().dropWatches();
        DeploymentStatus unknown = view.await(NS, "orders", verdict(HealthVerdict.UNKNOWN), WAIT);
        orders.scale(4);
        fixture.cluster.faults().clearApiFaults();
        // then
        assertThat(unknown.condition(Condition.READY).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Condition.Status.UNKNOWN);
                            assertThat(c.reason()).isEqualTo("ApiServerUnavailable");
                            assertThat(c.message()).contains("Pods");
                        });
        DeploymentStatus tracked =
                view.await(
                        NS,
                        "orders",
                        verdict(HealthVerdict.HEALTHY).and(s -> s.taskManagers().ready() == 4),
                        WAIT);
        assertThat(tracked.taskManagers().desired()).isEqualTo(4);
    }

    @Test
    void theViewMovesAConditionsTransitionTimeOnlyWhenItsStatusChanges() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        DeploymentStatus healthy = view.await(NS, "orders", verdict(HealthVerdict.HEALTHY), WAIT);
        Instant readySince = healthy.condition(Condition.READY).orElseThrow().lastTransitionTime();
        // when: the status changes (a TaskManager restarts) while Ready stays True...
        String tm = pod(Component.TASK_MANAGER);
        fixture.cluster.faults().killPod(NS, tm);
        fixture.cluster.advance(Duration.ofMinutes(1));
        DeploymentStatus restarted =
                view.await(
                        NS,
                        "orders",
                        verdict(HealthVerdict.HEALTHY).and(s -> s.taskManagers().restarts() == 1),
                        WAIT);
        // ...then Ready turns False
        fixture.cluster.faults().crashLoop(NS, tm, ContainerCrash.exits(1));
        DeploymentStatus notReady =
                view.await(
                        NS,
                        "orders",
                        s -> !s.condition(Condition.READY).orElseThrow().isTrue(),
                        WAIT);
        // then
        assertThat(restarted).isNotEqualTo(healthy);
        assertThat(restarted.condition(Condition.READY).orElseThrow().lastTransitionTime())
                .isEqualTo(readySince);
        assertThat(notReady.condition(Condition.READY).orElseThrow().lastTransitionTime())
                .isAfter(readySince);
        assertThat(notReady.condition(Condition.SUSPENDED).orElseThrow().lastTransitionTime())
                .isEqualTo(
                        healthy.condition(Condition.SUSPENDED).orElseThrow().lastTransitionTime());
    }

    private static Predicate<DeploymentStatus> verdict(HealthVerdict verdict) {
        return s -> s.verdict() == verdict;
    }

    private String pod(Component component) {
        return fixture.cluster.list(Pod.class, NS).stream()
                .filter(
                        p ->
                                component
                                        .labelValue()
                                        .equals(
                                                p.getMetadata()
                                                        .getLabels()
                                                        .get(ResourceLabels.COMPONENT)))
                .findFirst()
                .orElseThrow()
                .getMetadata()
                .getName();
    }
}
