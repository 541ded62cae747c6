package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Turning autoscaling ({@code hpa-reactive}) on and off for a running deployment on the in-memory
 * cluster: the TaskManager Deployment's {@code spec.replicas} passes between the SDK and the HPA
 * without a dip (the ownership transfer Kubernetes documents for server-side apply), and back
 * without a jump.
 */
class AutoscalingHandoverIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final String TASK_MANAGERS = NAMES.taskManagerDeployment();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SDK = DeployOptions.DEFAULT_FIELD_MANAGER;
    private static final String HANDOVER = SDK + "-handover";
    private static final String HELD_AT_6 =
            "TaskManagers stay at 6 (the autoscaler's last count) until taskManager.replicas"
                    + " changes or scale(n) is called";

    private final DeployFixture fixture = new DeployFixture();
    private final InMemoryFlinkK8sCluster cluster = fixture.cluster;
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * {@code orders} (3 TaskManagers of 2 slots) autoscaled between 2 and 8 TaskManagers at 60%
     * CPU, growing by at most 2 TaskManagers a minute.
     */
    private static FlinkDeploymentSpec autoscaled() {
        return FlinkK8s.from(Specs.orders())
                .autoscaling(
                        a ->
                                a.taskManagers(2, 8)
                                        .targetCpu(60)
                                        .scaleUp(
                                                up ->
                                                        up.stabilizationWindow(Duration.ZERO)
                                                                .policies(
                                                                        List.of(
                                                                                ScalingPolicy.pods(
                                                                                        2,
                                                                                        Duration
                                                                                                .ofMinutes(
                                                                                                        1))))))
                .build();
    }

    private FlinkDeploymentHandle running(FlinkDeploymentSpec spec) {
        FlinkDeploymentHandle handle = deployer.apply(spec);
        handle.waitUntilRunning(WAIT);
        return handle;
    }

    /** {@link #autoscaled()} running, then scaled by its HPA from its minimum of 2 up to 6. */
    private void autoscaledToSix() {
        running(autoscaled());
        cluster.advance(Duration.ofMinutes(2));
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        cluster.advance(Duration.ofSeconds(75));
        cluster.metrics().clear(NS, TASK_MANAGERS, "cpu");
        assertThat(taskManagers()).isEqualTo(6);
    }

    private Integer taskManagers() {
        return taskManagerDeployment().getSpec().getReplicas();
    }

    private Deployment taskManagerDeployment() {
        return cluster.find(Deployment.class, NS, TASK_MANAGERS).orElseThrow();
    }

    /**
     * Who owns the TaskManager Deployment's {@code spec.replicas}: "manager operation", and the
     * subresource when there is one.
     */
    private List<String> replicaOwners() {
        return taskManagerDeployment().getMetadata().getManagedFields().stream()
                .filter(AutoscalingHandoverIT::ownsReplicas)
                .map(
                        e ->
                                e.getManager()
                                        + " "
                                        + e.getOperation()
                                        + (e.getSubresource() == null
                                                ? ""
                                                : " " + e.getSubresource()))
                .toList();
    }

    private static boolean ownsReplicas(ManagedFieldsEntry entry) {
        Object spec = entry.getFieldsV1().getAdditionalProperties().get("f:spec");
        return spec instanceof Map<?, ?> fields && fields.containsKey("f:replicas");
    }

    private List<String> managers() {
        return taskManagerDeployment().getMetadata().getManagedFields().stream()
                .map(ManagedFieldsEntry::getManager)
                .toList();
    }

    @Test
    void turningAutoscalingOnKeepsTheRunningTaskManagersUntilTheHpaScales() {
        // given: 3 TaskManagers, the SDK owning the count
        running(Specs.orders());
        assertThat(replicaOwners()).containsExactly(SDK + " Apply");
        try (ReplicaHistory history = new ReplicaHistory(cluster.client(), NS, TASK_MANAGERS)) {
            // when: applied, then four HPA syncs without metrics (which keep the count)
            running(autoscaled());
            Integer afterApply = taskManagers();
            cluster.advance(Duration.ofMinutes(1));
            // then
            assertThat(afterApply).isEqualTo(3);
            assertThat(taskManagers()).isEqualTo(3);
            assertThat(history.counts()).isNotEmpty().containsOnly(3);
        }
        assertThat(replicaOwners()).containsExactly(HANDOVER + " Apply");
    }

    @Test
    void theHpaTakesTheCountOverFromTheHandoverManagerOnItsFirstScaling() {
        // given: autoscaling turned on at 3 TaskManagers
        running(Specs.orders());
        running(autoscaled());
        // when: 100% CPU against a 60% target, one HPA sync
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        cluster.advance(Duration.ofSeconds(15));
        // then: 3 -> 5, and the temporary manager owns nothing any more
        assertThat(taskManagers()).isEqualTo(5);
        assertThat(replicaOwners()).containsExactly("kube-controller-manager Update scale");
        assertThat(managers()).doesNotContain(HANDOVER);
    }

    @Test
    void thePlanForTurningAutoscalingOnSaysTheCountPassesToTheHpa() {
        // given
        running(Specs.orders());
        // when
        ApplyPlan plan = deployer.plan(autoscaled());
        // then
        assertThat(plan.advisories())
                .contains(
                        new Advisory(
                                "autoscaling",
                                "Deployment "
                                        + TASK_MANAGERS
                                        + " keeps its 3 replicas: the SDK stops applying"
                                        + " spec.replicas and hands it to the"
                                        + " HorizontalPodAutoscaler through field manager "
                                        + HANDOVER
                                        + ", which owns it until the HPA first scales"));
        // the count changes owner, not value: no "spec.replicas: 3 -> (removed)"
        assertThat(plan.change("Deployment", TASK_MANAGERS).orElseThrow().fields())
                .extracting(FieldChange::path)
                .isNotEmpty()
                .doesNotContain("spec.replicas");
    }

    @Test
    void turningAutoscalingOffKeepsTheHpasCountUntilTaskManagerReplicasChanges() {
        // given
        autoscaledToSix();
        ApplyPlan plan = deployer.plan(Specs.orders());
        ApplyResult off;
        try (ReplicaHistory history = new ReplicaHistory(cluster.client(), NS, TASK_MANAGERS)) {
            // when
            off = running(Specs.orders()).lastApply().orElseThrow();
            // then: no jump to the spec's 3
            assertThat(taskManagers()).isEqualTo(6);
            assertThat(history.counts()).isNotEmpty().containsOnly(6);
        }
        assertThat(cluster.find(HorizontalPodAutoscaler.class, NS, NAMES.taskManagerAutoscaler()))
                .isEmpty();
        assertThat(plan.advisories()).contains(new Advisory("taskManager.replicas", HELD_AT_6));
        assertThat(off.plan().advisories())
                .contains(new Advisory("taskManager.replicas", HELD_AT_6));
        assertThat(replicaOwners()).contains(SDK + " Apply");
        // and a re-apply of the same spec writes nothing
        cluster.requests().reset();
        FlinkDeploymentHandle again = deployer.apply(Specs.orders());
        assertThat(cluster.requests().writes()).isEmpty();
        assertThat(taskManagers()).isEqualTo(6);
        assertThat(again.lastApply().orElseThrow().plan().advisories())
                .contains(new Advisory("taskManager.replicas", HELD_AT_6));
        // and a new taskManager.replicas moves it
        running(Specs.orders().withTaskManagerReplicas(4));
        assertThat(taskManagers()).isEqualTo(4);
    }

    @Test
    void scaleReleasesTheCountHeldAfterAutoscalingWasTurnedOff() {
        // given: held at 6 while the spec says 3
        autoscaledToSix();
        FlinkDeploymentHandle orders = running(Specs.orders());
        // when
        orders.scale(3);
        // then
        assertThat(taskManagers()).isEqualTo(3);
        cluster.requests().reset();
        ApplyResult again = deployer.apply(Specs.orders()).lastApply().orElseThrow();
        assertThat(cluster.requests().writes()).isEmpty();
        assertThat(again.plan().advisories())
                .extracting(Advisory::path)
                .doesNotContain("taskManager.replicas");
        assertThat(taskManagers()).isEqualTo(3);
    }

    @Test
    void aHeldCountSurvivesASuspensionAndComesBackOnResume() {
        // given
        autoscaledToSix();
        FlinkDeploymentHandle orders = running(Specs.orders());
        // when
        orders.suspend();
        Integer suspended = taskManagers();
        orders.resume();
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(suspended).isZero();
        assertThat(taskManagers()).isEqualTo(6);
    }

    @Test
    void resumingAnAutoscaledJobStartsItsTaskManagersAtTheHpaMinimumWithoutADip() {
        // given: autoscaled at 6, then suspended (the SDK sets 0)
        autoscaledToSix();
        FlinkDeploymentHandle orders = deployer.handle(NS, "orders");
        orders.suspend();
        assertThat(taskManagers()).isZero();
        try (ReplicaHistory history = new ReplicaHistory(cluster.client(), NS, TASK_MANAGERS)) {
            // when
            ApplyResult resumed = orders.resume();
            orders.waitUntilRunning(WAIT);
            // then: straight to the HPA's minimum, which the HPA then owns from its first scaling
            assertThat(history.counts()).isNotEmpty().containsOnly(2);
            assertThat(resumed.plan().change("Deployment", TASK_MANAGERS).orElseThrow().fields())
                    .contains(new FieldChange("spec.replicas", "0", "2"));
        }
        assertThat(replicaOwners()).containsExactly(HANDOVER + " Apply");
        // and the HPA scales on from there (once its scale-up policy's minute has passed)
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        cluster.advance(Duration.ofMinutes(1));
        assertThat(taskManagers()).isGreaterThan(2);
        assertThat(replicaOwners()).containsExactly("kube-controller-manager Update scale");
    }
}
