package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code operator-hpa} autoscaling strategy on the in-memory cluster (the operator's CRDs
 * registered, no operator running): the deployer applies the {@code FlinkDeployment} and its HPA
 * and gives the scale subresource its starting replicas; the testkit's HPA controller scales the
 * resource's {@code spec.taskManager.replicas} through the scale subresource on the CPU the test
 * sets, on the virtual clock. The tests play the operator (the testkit's operator stand-in is off):
 * they write the resource's {@code .status} the way the operator would (its TaskManager count and
 * the selector of its standalone TaskManager pods) and run the TaskManager pods it would run, with
 * CPU requests, which a real HPA reads.
 */
class OperatorHpaIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");

    private DeployFixture fixture;

    @BeforeEach
    void start() {
        // every in-memory cluster carries the operator's CRDs; these tests play the operator
        fixture = new DeployFixture(false);
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * {@code orders} on the operator, autoscaled by an HPA on the resource between 2 and 8
     * TaskManagers at 60% CPU, growing by at most 2 TaskManagers a minute.
     */
    static FlinkDeploymentSpec autoscaled() {
        return FlinkK8s.from(Specs.orders().withTarget(RenderTarget.OPERATOR))
                .autoscaling(
                        a ->
                                a.strategy(AutoscalingStrategy.OPERATOR_HPA)
                                        .taskManagers(2, 8)
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
                .disruption(d -> d.taskManagerMaxUnavailable(1))
                .build();
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            flinkDeployments() {
        return fixture.cluster
                .client()
                .genericKubernetesResources("flink.apache.org/v1beta1", "FlinkDeployment")
                .inNamespace(NS);
    }

    /** The resource's {@code spec.taskManager.replicas}, the scale subresource's spec path. */
    private Object taskManagers() {
        return flinkDeployments().withName("orders").get().get("spec", "taskManager", "replicas");
    }

    /**
     * What the operator does after it resizes its standalone TaskManager Deployment: writes the
     * count and the pods' selector into the status subresource, the paths the scale subresource
     * reads ({@code statusReplicasPath}, {@code labelSelectorPath}).
     */
    private void writeStatus(int replicas) {
        GenericKubernetesResource current = flinkDeployments().withName("orders").get();
        Map<String, Object> status =
                Map.of(
                        "lifecycleState",
                        "STABLE",
                        "jobManagerDeploymentStatus",
                        "READY",
                        "taskManager",
                        Map.of(
                                "replicas",
                                replicas,
                                "labelSelector",
                                "app=orders,component=taskmanager,type=flink-standalone-kubernetes"));
        flinkDeployments()
                .resource(
                        new GenericKubernetesResourceBuilder(current)
                                .addToAdditionalProperties("status", status)
                                .build())
                .updateStatus();
        runTaskManagerPods(replicas);
    }

    /**
     * The standalone TaskManager pods the operator would run for {@code replicas}, with the
     * selector's labels and a CPU request: a real HPA reads the pods its target's selector selects
     * and divides their usage by their requests, and scales nothing without them.
     */
    private void runTaskManagerPods(int replicas) {
        var pods = fixture.cluster.client().pods().inNamespace(NS);
        for (int i = 0; i < Math.max(replicas, 8); i++) {
            String name = "orders-taskmanager-" + i;
            if (i >= replicas) {
                pods.withName(name).delete();
            } else if (pods.withName(name).get() == null) {
                pods.resource(
                                new PodBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .addToLabels("app", "orders")
                                        .addToLabels("component", "taskmanager")
                                        .addToLabels("type", "flink-standalone-kubernetes")
                                        .endMetadata()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("flink-main-container")
                                        .withImage("flink:2.1")
                                        .withNewResources()
                                        .addToRequests("cpu", new Quantity("1"))
                                        .endResources()
                                        .endContainer()
                                        .endSpec()
                                        .build())
                        .create();
            }
        }
    }

    /** The TaskManager count after each of {@code syncs} HPA syncs (15 s apart). */
    private List<Object> everySync(int syncs) {
        List<Object> counts = new ArrayList<>();
        for (int i = 0; i < syncs; i++) {
            fixture.cluster.advance(Duration.ofSeconds(15));
            counts.add(taskManagers());
            writeStatus(((Number) taskManagers()).intValue());
        }
        return counts;
    }

    @Test
    void applyRendersTheHpaOnTheResourceAndSeedsItsReplicasWithTheMinimum() {
        // when
        fixture.deployer().apply(autoscaled());
        // then
        HorizontalPodAutoscaler hpa =
                fixture.cluster
                        .find(HorizontalPodAutoscaler.class, NS, NAMES.taskManagerAutoscaler())
                        .orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("FlinkDeployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("orders");
        assertThat(
                        fixture.cluster.find(
                                PodDisruptionBudget.class, NS, NAMES.taskManagerDisruptionBudget()))
                .isPresent();
        GenericKubernetesResource cr = flinkDeployments().withName("orders").get();
        assertThat(cr.<Object>get("spec", "mode")).isEqualTo("standalone");
        assertThat(taskManagers()).isEqualTo(2);
    }

    @Test
    void underHighCpuTheHpaRaisesTheResourcesTaskManagersNoFasterThanItsPolicy() {
        // given
        fixture.deployer().apply(autoscaled());
        writeStatus(2);
        fixture.cluster.advance(Duration.ofMinutes(2));
        // when: 100% CPU against a 60% target
        fixture.cluster.metrics().setCpuUtilization(NS, "orders", 100);
        List<Object> counts = everySync(12);
        // then: +2 per minute (2 -> 4 -> 6 -> 8), never above the maximum
        assertThat(counts.get(0)).isEqualTo(4);
        assertThat(counts.subList(0, 4)).containsOnly(4);
        assertThat(counts.get(4)).isEqualTo(6);
        assertThat(counts.get(8)).isEqualTo(8);
        assertThat(counts.subList(8, 12)).containsOnly(8);
    }

    @Test
    void aSecondApplyOfTheSameSpecWritesNothingAndKeepsTheCountTheHpaChose() {
        // given: the HPA scaled the resource to 6
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(autoscaled());
        writeStatus(2);
        fixture.cluster.advance(Duration.ofMinutes(2));
        fixture.cluster.metrics().setCpuUtilization(NS, "orders", 100);
        everySync(5);
        assertThat(taskManagers()).isEqualTo(6);
        fixture.cluster.requests().reset();
        // when
        deployer.apply(autoscaled());
        // then
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(taskManagers()).isEqualTo(6);
    }

    @Test
    void theFirstApplyWritesTheObjectsTheStateRecordAndTheScaleOnce() {
        // two budgets: a TaskManager one sets the JobManager one to its default of 1
        fixture.deployer().apply(autoscaled());

        assertThat(fixture.cluster.requests().writes())
                .extracting(r -> r.resource() + (r.subresource() == null ? "" : "/scale"))
                .containsExactlyInAnyOrder(
                        "flinkdeployments",
                        "flinkdeployments/scale",
                        "horizontalpodautoscalers",
                        "poddisruptionbudgets",
                        "poddisruptionbudgets",
                        "configmaps");
    }

    @Test
    void theSeedLeavesACountAnotherWriterAlreadySetAlone() {
        // given: the resource runs at a count someone set, and the state record is gone, so the
        // next apply lists nothing and treats the deployment as new
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(autoscaled());
        flinkDeployments().withName("orders").scale(5);
        fixture.cluster.client().configMaps().inNamespace(NS).withName(NAMES.sdkState()).delete();
        fixture.cluster.requests().reset();
        // when
        deployer.apply(autoscaled());
        // then: the scale subresource was read, not written
        assertThat(taskManagers()).isEqualTo(5);
        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> "scale".equals(r.subresource()))
                .extracting(ApiRequest::method)
                .containsExactly("GET");
    }

    @Test
    void scalingByHandIsRefusedBeforeAnyWriteNamingTheHpaAndItsBounds() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(autoscaled());
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.scale(5, 10))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessage(
                        "Cannot scale streaming/orders by hand: the HorizontalPodAutoscaler"
                                + " orders-taskmanager (autoscaling.strategy operator-hpa) owns"
                                + " the FlinkDeployment's taskManager.replicas. Nothing was"
                                + " changed. To change the range it scales in, apply the spec"
                                + " with other autoscaling.minTaskManagers and"
                                + " autoscaling.maxTaskManagers (now 2 and 8); to scale by hand,"
                                + " apply it with autoscaling turned off.");
        assertThatThrownBy(() -> orders.scale(5))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("operator-hpa");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(taskManagers()).isEqualTo(2);
    }

    @Test
    void scalingByHandIsRefusedWhileTheOperatorsAutoscalerOwnsTheParallelism() {
        // given
        FlinkDeploymentHandle orders =
                fixture.deployer()
                        .apply(
                                FlinkK8s.from(Specs.orders().withTarget(RenderTarget.OPERATOR))
                                        .autoscaling(a -> a.parallelism(2, 24))
                                        .build());
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.scale(5, 10))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("the Flink Kubernetes Operator's autoscaler")
                .hasMessageContaining(
                        "autoscaling.minParallelism and autoscaling.maxParallelism (now 2 and 24)");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void turningTheOperatorHpaOffForARunningResourceIsRefusedAndKeepsTheHpasCount() {
        // given: the HPA scaled the resource to 6
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(autoscaled());
        writeStatus(2);
        fixture.cluster.advance(Duration.ofMinutes(2));
        fixture.cluster.metrics().setCpuUtilization(NS, "orders", 100);
        everySync(5);
        fixture.cluster.requests().reset();
        // when / then: the FlinkDeployment would leave standalone mode, which the operator refuses,
        // so the count is never handed back: it stays the HPA's
        assertThatThrownBy(() -> deployer.apply(Specs.orders().withTarget(RenderTarget.OPERATOR)))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("away from autoscaling.strategy operator-hpa");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(taskManagers()).isEqualTo(6);
        assertThat(
                        fixture.cluster.find(
                                HorizontalPodAutoscaler.class, NS, NAMES.taskManagerAutoscaler()))
                .isPresent();
    }

    @Test
    void switchingARunningResourceToTheOperatorHpaIsRefusedBeforeAnyWrite() {
        // given: orders on the operator's native mode
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders().withTarget(RenderTarget.OPERATOR));
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> deployer.apply(autoscaled()))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("between native and standalone");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(flinkDeployments().withName("orders").get().<Object>get("spec", "mode"))
                .isEqualTo("native");
    }
}
