package io.flinkk8s.sdk.core.render.step.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingRenderingTest {

    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Renderer RENDERER = Renderer.defaults();

    private static PodSpec pod(RenderedResources r, String deployment) {
        return r.deployment(deployment).getSpec().getTemplate().getSpec();
    }

    @SuppressWarnings("unchecked")
    private static PodTemplateSpec operatorTemplate(RenderedResources r, String role) {
        Map<String, Object> spec =
                (Map<String, Object>)
                        r.flinkDeployment("ledger").getAdditionalProperties().get("spec");
        Map<String, Object> section = (Map<String, Object>) spec.get(role);
        return K8S.convertValue(section.get("podTemplate"), PodTemplateSpec.class);
    }

    private static FlinkDeploymentSpec spread(SpreadMethod method, int replicas) {
        FlinkDeploymentSpec spec = RenderFixtures.session();
        return spec.withTaskManagerReplicas(replicas)
                .withScheduling(
                        SchedulingPolicy.none()
                                .withSpread(TaskManagerSpread.of(TaskManagerSpread.NODES, method)));
    }

    @Test
    void eachRoleGetsTheCommonPlacementWithItsOwnOverrides() {
        RenderedResources r = RENDERER.render(RenderFixtures.storageSchedulingApplication());

        PodSpec jm = pod(r, "ledger-jobmanager");
        PodSpec tm = pod(r, "ledger-taskmanager");

        for (PodSpec pod : List.of(jm, tm)) {
            assertThat(pod.getNodeSelector()).containsEntry("pool", "flink");
            assertThat(pod.getTolerations())
                    .extracting(Toleration::getKey, Toleration::getValue, Toleration::getEffect)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "dedicated", "flink", "NoSchedule"));
        }
        assertThat(
                        jm.getAffinity()
                                .getNodeAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution()
                                .getNodeSelectorTerms())
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.getMatchExpressions())
                                        .containsExactly(
                                                new NodeSelectorRequirement(
                                                        "lifecycle", "In", List.of("on-demand"))));
        assertThat(jm.getPriorityClassName()).isNull();
        assertThat(tm.getPriorityClassName()).isEqualTo("flink-batch");
        assertThat(
                        tm.getAffinity()
                                .getNodeAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution())
                .isNull();
        assertThat(
                        tm.getAffinity()
                                .getNodeAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(p -> assertThat(p.getWeight()).isEqualTo(50));
    }

    @Test
    void theTaskManagersSpreadAcrossZonesOverTheirSelectorLabels() {
        FlinkDeploymentSpec spec = RenderFixtures.storageSchedulingApplication();
        RenderedResources r = RENDERER.render(spec);
        RenderContext ctx = RenderFixtures.context(spec);

        assertThat(pod(r, "ledger-taskmanager").getTopologySpreadConstraints())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getTopologyKey()).isEqualTo(TaskManagerSpread.ZONE_KEY);
                            assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                            assertThat(c.getMaxSkew()).isEqualTo(1);
                            assertThat(c.getLabelSelector().getMatchLabels())
                                    .isEqualTo(ctx.labels().selector(Component.TASK_MANAGER));
                        });
        assertThat(pod(r, "ledger-jobmanager").getTopologySpreadConstraints()).isNullOrEmpty();
        assertThat(r.advisories()).isEmpty();
    }

    @Test
    void theOperatorTargetSpreadsOverTheLabelsTheOperatorsPodsCarry() {
        RenderedResources r =
                RENDERER.render(
                        RenderFixtures.storageSchedulingApplication()
                                .withTarget(RenderTarget.OPERATOR));

        PodTemplateSpec tm = operatorTemplate(r, "taskManager");
        PodTemplateSpec jm = operatorTemplate(r, "jobManager");

        assertThat(tm.getSpec().getTopologySpreadConstraints())
                .extracting(TopologySpreadConstraint::getLabelSelector)
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.getMatchLabels())
                                        .isEqualTo(
                                                Map.of(
                                                        "app", "ledger",
                                                        "component", "taskmanager")));
        assertThat(tm.getSpec().getPriorityClassName()).isEqualTo("flink-batch");
        assertThat(jm.getSpec().getNodeSelector()).containsEntry("pool", "flink");
    }

    @Test
    void requiredAntiAffinityWithMoreThanOneTaskManagerIsAnAdvisory() {
        RenderedResources three = RENDERER.render(spread(SpreadMethod.REQUIRED_ANTI_AFFINITY, 3));
        RenderedResources one = RENDERER.render(spread(SpreadMethod.REQUIRED_ANTI_AFFINITY, 1));

        assertThat(
                        pod(three, "sessions-taskmanager")
                                .getAffinity()
                                .getPodAntiAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.getTopologyKey())
                                        .isEqualTo(TaskManagerSpread.HOSTNAME_KEY));
        assertThat(three.advisories())
                .extracting(Advisory::path)
                .containsExactly("scheduling.spread.method");
        assertThat(three.advisories().get(0).message())
                .contains("may run up to 3 TaskManagers")
                .contains("at least 3 distinct kubernetes.io/hostname values");
        assertThat(one.advisories()).isEmpty();
    }

    @Test
    void preferredAntiAffinityAsksNothingOfTheCluster() {
        RenderedResources r = RENDERER.render(spread(SpreadMethod.PREFERRED_ANTI_AFFINITY, 4));

        assertThat(
                        pod(r, "sessions-taskmanager")
                                .getAffinity()
                                .getPodAntiAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(w -> assertThat(w.getWeight()).isEqualTo(100));
        assertThat(r.advisories()).isEmpty();
    }

    @Test
    void theTemplatesSelectorsTolerationsAndPodAffinityAreKept() {
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addToNodeSelector("arch", "arm64")
                        .addNewToleration()
                        .withKey("spot")
                        .withOperator("Exists")
                        .endToleration()
                        .withNewAffinity()
                        .withNewPodAffinity()
                        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                        .withWeight(10)
                        .withNewPodAffinityTerm()
                        .withTopologyKey("kubernetes.io/hostname")
                        .endPodAffinityTerm()
                        .endPreferredDuringSchedulingIgnoredDuringExecution()
                        .endPodAffinity()
                        .endAffinity()
                        .endSpec()
                        .build();
        FlinkDeploymentSpec spec =
                RenderFixtures.session()
                        .edit()
                        .podTemplate(template)
                        .scheduling(
                                new SchedulingPolicy(
                                        new PodPlacement(
                                                Map.of("pool", "flink"),
                                                null,
                                                null,
                                                List.of(
                                                        TolerationSpec.exists(
                                                                "dedicated", "NoSchedule")),
                                                null,
                                                null),
                                        null,
                                        null,
                                        TaskManagerSpread.of(
                                                TaskManagerSpread.NODES,
                                                SpreadMethod.PREFERRED_ANTI_AFFINITY)))
                        .build();

        PodSpec tm = pod(RENDERER.render(spec), "sessions-taskmanager");

        assertThat(tm.getNodeSelector())
                .containsEntry("arch", "arm64")
                .containsEntry("pool", "flink");
        assertThat(tm.getTolerations())
                .extracting(Toleration::getKey)
                .containsExactly("spot", "dedicated");
        assertThat(tm.getAffinity().getPodAffinity()).isNotNull();
        assertThat(tm.getAffinity().getPodAntiAffinity()).isNotNull();
    }

    @Test
    void theOperatorPodTemplatesValidateAgainstTheKubernetesSchema() throws Exception {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(dir.resolve("deployment-apps-v1.json"))) {
            schema = JsonSchemas.factory().getSchema(in);
        }
        RenderedResources r =
                RENDERER.render(
                        RenderFixtures.storageSchedulingApplication()
                                .withTarget(RenderTarget.OPERATOR));

        for (String role : List.of("jobManager", "taskManager")) {
            // The CRD keeps pod templates open: check them as what they become, a pod template.
            Deployment carrier =
                    new DeploymentBuilder()
                            .withNewMetadata()
                            .withName("carrier")
                            .endMetadata()
                            .withNewSpec()
                            .withNewSelector()
                            .addToMatchLabels("app", "ledger")
                            .endSelector()
                            .withTemplate(operatorTemplate(r, role))
                            .endSpec()
                            .build();
            JsonNode json = JSON.readTree(K8S.asJson(carrier));

            assertThat(schema.validate(json)).as(role).isEmpty();
        }
    }
}
