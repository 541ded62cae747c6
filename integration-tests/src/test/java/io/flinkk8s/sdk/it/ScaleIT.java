package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scale(taskManagers)} and {@code scale(taskManagers, parallelism)} per upgrade mode, with
 * the testkit's own JobManagers ({@code cluster.flink(ns, name)}).
 */
class ScaleIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void newParallelismOfASavepointJobRestartsItFromASavepoint() {
        // given: 3 TaskManagers × 2 slots, parallelism 6
        FlinkDeploymentHandle orders = running(Specs.orders());
        SimulatedJob before = flink().latestJob().orElseThrow();
        // when
        ApplyResult result = orders.scale(4, 8);
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        SimulatedJob after = flink().latestJob().orElseThrow();
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobStatus(before)).isEqualTo(JobStatus.FINISHED);
        assertThat(flink().restoredFrom(after.id()))
                .contains(flink().lastSavepoint().orElseThrow().path());
        assertThat(flinkConfig()).contains("parallelism.default: 8");
        assertThat(taskManagerReplicas()).isEqualTo(4);
        assertThat(orders.spec().job().parallelism()).isEqualTo(8);
    }

    @Test
    void newParallelismOfAStatelessJobRedeploysItWithoutState() {
        // given
        FlinkDeploymentHandle orders = running(withMode(UpgradeMode.STATELESS));
        SimulatedJob before = flink().latestJob().orElseThrow();
        // when
        ApplyResult result = orders.scale(4, 8);
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(result.transition()).isEqualTo(Transition.REDEPLOY);
        SimulatedJob after = flink().latestJob().orElseThrow();
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(flink().restoredFrom(after.id())).isEmpty();
        assertThat(flink().savepoints()).isEmpty();
        assertThat(flinkConfig()).contains("parallelism.default: 8");
    }

    @Test
    void sameParallelismOnlyScalesTheTaskManagers() {
        // given
        FlinkDeploymentHandle orders = running(Specs.orders());
        SimulatedJob before = flink().latestJob().orElseThrow();
        // when
        ApplyResult result = orders.scale(4, 6);
        // then
        assertThat(result.transition()).isEqualTo(Transition.NONE);
        assertThat(taskManagerReplicas()).isEqualTo(4);
        assertThat(flink().latestJob().orElseThrow().id()).isEqualTo(before.id());
        assertThat(flink().runtimeStarts()).isEqualTo(1);
    }

    @Test
    void scalingTaskManagersOfAJobWithoutParallelismMovesItByItsUpgradeMode() {
        // given: parallelism follows replicas × slots
        FlinkDeploymentSpec derived = Specs.orders();
        derived = derived.withJob(derived.job().withParallelism(null));
        FlinkDeploymentHandle orders = running(derived);
        // when
        ApplyResult result = orders.scale(4);
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(flinkConfig()).contains("parallelism.default: 8");
        SimulatedJob after = flink().latestJob().orElseThrow();
        assertThat(flink().restoredFrom(after.id()))
                .contains(flink().lastSavepoint().orElseThrow().path());
    }

    @Test
    void parallelismBeyondTheSlotsIsRefusedBeforeAnyWrite() {
        // given
        FlinkDeploymentHandle orders = running(Specs.orders());
        fixture.cluster.requests().reset();
        // when / then: 3 TaskManagers × 2 slots hold 6
        assertThatThrownBy(() -> orders.scale(3, 7))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("job.parallelism");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void scalingByHandIsRefusedBeforeAnyWriteWhileAnHpaOwnsTheTaskManagers() {
        // given
        FlinkDeploymentHandle orders =
                deployer.apply(
                        FlinkK8s.from(Specs.orders())
                                .autoscaling(a -> a.taskManagers(2, 8).targetCpu(60))
                                .build());
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.scale(5))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessage(
                        "Cannot scale streaming/orders by hand: the HorizontalPodAutoscaler"
                                + " orders-taskmanager (autoscaling.strategy hpa-reactive) owns"
                                + " the TaskManager Deployment's replicas. Nothing was changed. To"
                                + " change the range it scales in, apply the spec with other"
                                + " autoscaling.minTaskManagers and autoscaling.maxTaskManagers"
                                + " (now 2 and 8); to scale by hand, apply it with autoscaling"
                                + " turned off.");
        assertThatThrownBy(() -> orders.scale(5, 10))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("hpa-reactive");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void parallelismOfASessionClusterIsRefused() {
        FlinkDeploymentHandle session =
                deployer.apply(
                        FlinkK8s.session("analytics")
                                .namespace(NS)
                                .taskManagers(tm -> tm.replicas(2).slots(4))
                                .build());

        assertThatThrownBy(() -> session.scale(3, 6))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("session cluster");
    }

    @Test
    void newParallelismOfASuspendedJobAppliesWhenItResumes() {
        // given
        FlinkDeploymentHandle orders = running(Specs.orders());
        orders.suspend();
        String savepoint = flink().lastSavepoint().orElseThrow().path();
        // when
        ApplyResult scaled = orders.scale(4, 8);
        ApplyResult resumed = orders.resume();
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(scaled.transition()).isEqualTo(Transition.NONE);
        assertThat(resumed.transition()).isEqualTo(Transition.RESUME);
        assertThat(flinkConfig()).contains("parallelism.default: 8");
        assertThat(taskManagerReplicas()).isEqualTo(4);
        assertThat(flink().restoredFrom(flink().latestJob().orElseThrow().id()))
                .contains(savepoint);
    }

    private FlinkDeploymentHandle running(FlinkDeploymentSpec spec) {
        FlinkDeploymentHandle handle = deployer.apply(spec);
        handle.waitUntilRunning(WAIT);
        return handle;
    }

    private static FlinkDeploymentSpec withMode(UpgradeMode mode) {
        return FlinkK8s.from(Specs.orders()).job(j -> j.upgradeMode(mode)).build();
    }

    private FlinkJobManager flink() {
        return fixture.cluster.flink(NS, "orders");
    }

    private JobStatus jobStatus(SimulatedJob job) {
        return flink().jobs().stream()
                .filter(j -> j.id().equals(job.id()))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private String flinkConfig() {
        return fixture.cluster
                .find(ConfigMap.class, NS, NAMES.configMap())
                .orElseThrow()
                .getData()
                .get("config.yaml");
    }

    private int taskManagerReplicas() {
        return fixture.cluster
                .find(Deployment.class, NS, NAMES.taskManagerDeployment())
                .orElseThrow()
                .getSpec()
                .getReplicas();
    }
}
