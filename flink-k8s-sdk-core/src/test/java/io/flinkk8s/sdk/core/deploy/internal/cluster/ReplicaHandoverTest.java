package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1Builder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaHandoverTest {

    private static final String SDK = "flink-k8s-sdk";

    /** The headline spec autoscaled between 2 and 8 TaskManagers: no TaskManager replicas. */
    private static final RenderedResources AUTOSCALED =
            Renderer.defaults()
                    .render(
                            SpecDefaults.apply(
                                    Specs.statefulHa()
                                            .withAutoscaling(
                                                    AutoscalingPolicy.taskManagers(2, 8))));

    private static final RenderedResources FIXED =
            Renderer.defaults().render(SpecDefaults.apply(Specs.statefulHa()));

    private static Deployment taskManagers(RenderedResources rendered) {
        return (Deployment)
                rendered.all().stream()
                        .filter(o -> o.getMetadata().getName().equals("orders-taskmanager"))
                        .findFirst()
                        .orElseThrow();
    }

    /** The TaskManager Deployment as stored: {@code replicas}, owned by {@code owner}. */
    private static Deployment live(int replicas, ManagedFieldsEntry owner) {
        return new DeploymentBuilder(taskManagers(FIXED))
                .editMetadata()
                .withManagedFields(owner)
                .endMetadata()
                .editSpec()
                .withReplicas(replicas)
                .endSpec()
                .build();
    }

    private static ManagedFieldsEntry owner(String manager, String operation) {
        return new ManagedFieldsEntryBuilder()
                .withManager(manager)
                .withOperation(operation)
                .withApiVersion("apps/v1")
                .withFieldsType("FieldsV1")
                .withFieldsV1(
                        new FieldsV1Builder()
                                .addToAdditionalProperties("f:spec", Map.of("f:replicas", Map.of()))
                                .build())
                .build();
    }

    private static Optional<ReplicaHandover.Step> needed(HasMetadata rendered, HasMetadata live) {
        return ReplicaHandover.needed(rendered, live, AUTOSCALED, SDK);
    }

    @Test
    void replicasTheSdkAppliedAndStopsApplyingAreHandedOverAtTheLiveCount() {
        Optional<ReplicaHandover.Step> step =
                needed(taskManagers(AUTOSCALED), live(3, owner(SDK, "Apply")));

        assertThat(step).isPresent();
        assertThat(step.get().replicas()).isEqualTo(3);
        assertThat(step.get().force()).isFalse();
        assertThat(step.get().advisory(SDK))
                .isEqualTo(
                        new Advisory(
                                "autoscaling",
                                "Deployment orders-taskmanager keeps its 3 replicas: the SDK"
                                        + " stops applying spec.replicas and hands it to the"
                                        + " HorizontalPodAutoscaler through field manager"
                                        + " flink-k8s-sdk-handover, which owns it until the HPA"
                                        + " first scales"));
    }

    @Test
    void theHandoverAppliesNothingButTheIdentityAndTheCount() {
        ReplicaHandover.Step step =
                needed(taskManagers(AUTOSCALED), live(3, owner(SDK, "Apply"))).orElseThrow();

        String json = new KubernetesSerialization().asJson(step.body());

        assertThat(json)
                .isEqualTo(
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":"
                                + "{\"name\":\"orders-taskmanager\",\"namespace\":\"streaming\"},"
                                + "\"spec\":{\"replicas\":3}}");
    }

    @Test
    void nothingIsHandedOverWhenTheSdkDoesNotOwnTheReplicas() {
        Deployment scaledByTheHpa = live(5, owner("kube-controller-manager", "Update"));

        assertThat(needed(taskManagers(AUTOSCALED), scaledByTheHpa)).isEmpty();
        assertThat(needed(taskManagers(AUTOSCALED), live(5, owner(SDK, "Update")))).isEmpty();
    }

    @Test
    void nothingIsHandedOverWhileTheRenderedDeploymentSetsReplicas() {
        assertThat(needed(taskManagers(FIXED), live(3, owner(SDK, "Apply")))).isEmpty();
    }

    @Test
    void aSuspendedCountOfZeroIsHandedOverAtTheHpaMinimumByForce() {
        Optional<ReplicaHandover.Step> step =
                needed(taskManagers(AUTOSCALED), live(0, owner(SDK, "Apply")));

        assertThat(step).isPresent();
        assertThat(step.get().replicas()).isEqualTo(2);
        assertThat(step.get().force()).isTrue();
        assertThat(step.get().advisory(SDK).message())
                .startsWith("Deployment orders-taskmanager starts at the HPA's minimum of 2");
    }

    @Test
    void aZeroCountWithoutAnHpaIsNotHandedOver() {
        assertThat(
                        ReplicaHandover.needed(
                                taskManagers(AUTOSCALED), live(0, owner(SDK, "Apply")), FIXED, SDK))
                .isEmpty();
    }

    @Test
    void theHandoverManagerOfTheLongestFieldManagerFitsKubernetesLimit() {
        String longest = "m".repeat(DeployOptions.MAX_FIELD_MANAGER_LENGTH);

        assertThat((longest + ReplicaHandover.SUFFIX).length()).isEqualTo(128);
    }
}
