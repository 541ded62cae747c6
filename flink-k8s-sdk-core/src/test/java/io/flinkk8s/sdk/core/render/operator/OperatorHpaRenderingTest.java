package io.flinkk8s.sdk.core.render.operator;

import static io.flinkk8s.sdk.core.render.operator.FlinkDeploymentRenderingTest.section;
import static io.flinkk8s.sdk.core.render.operator.FlinkDeploymentRenderingTest.specOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.JobManagerOptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code operator-hpa} strategy: the {@code FlinkDeployment} in the operator's standalone mode
 * with Flink's reactive mode, an HPA on its scale subresource, and budgets for both components.
 */
class OperatorHpaRenderingTest {

    private static final Renderer RENDERER = Renderer.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FlinkDeploymentSpec SPEC = RenderFixtures.operatorHpaApplication();

    private static Map<String, Object> crSpec() {
        return specOf(RENDERER.render(SPEC).flinkDeployment("clicks"));
    }

    private static HorizontalPodAutoscaler hpa(RenderedResources rendered) {
        return rendered.get(HorizontalPodAutoscaler.class, "clicks-taskmanager");
    }

    private static PodDisruptionBudget budget(String name) {
        return RENDERER.render(SPEC).get(PodDisruptionBudget.class, name);
    }

    @Test
    void theFlinkDeploymentRunsInStandaloneModeWithReactiveScheduling() {
        Map<String, Object> spec = crSpec();

        assertThat(spec).containsEntry("mode", "standalone");
        assertThat(section(spec, "flinkConfiguration"))
                .containsEntry("scheduler-mode", "REACTIVE")
                .containsEntry(
                        JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING.key(),
                        "3 min");
    }

    @Test
    void taskManagerReplicasAreLeftToTheHpaAndTheJobKeepsAParallelismForTheOperator() {
        Map<String, Object> spec = crSpec();

        assertThat(section(spec, "taskManager")).doesNotContainKey("replicas");
        assertThat(section(spec, "job")).containsEntry("parallelism", 4);
    }

    @Test
    void advisesHowTheHpaGetsItsStartingReplicasInsteadOfAReplicasMismatch() {
        assertThat(RENDERER.render(SPEC).advisories())
                .extracting(Advisory::path)
                .containsExactly("autoscaling.strategy");
        assertThat(RENDERER.render(SPEC).advisories().get(0).message())
                .contains("FlinkDeployer sets it once to autoscaling.minTaskManagers")
                .contains("kubectl scale flinkdeployment/<name>");
    }

    @Test
    void theHpaScalesTheFlinkDeploymentThroughItsScaleSubresource() {
        HorizontalPodAutoscaler hpa = hpa(RENDERER.render(SPEC));

        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(hpa.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "taskmanager")
                .containsEntry("app.kubernetes.io/instance", "clicks");
        assertThat(hpa.getSpec().getScaleTargetRef())
                .isEqualTo(
                        new CrossVersionObjectReferenceBuilder()
                                .withApiVersion("flink.apache.org/v1beta1")
                                .withKind("FlinkDeployment")
                                .withName("clicks")
                                .build());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
    }

    @Test
    void theHpaHasTheStandaloneHpasBoundsMetricsAndBehaviour() {
        RenderedResources standalone = RENDERER.render(RenderFixtures.autoscaledApplication());
        HorizontalPodAutoscalerSpec expected =
                new HorizontalPodAutoscalerSpecBuilder(hpa(standalone).getSpec())
                        .withNewScaleTargetRef()
                        .withApiVersion("flink.apache.org/v1beta1")
                        .withKind("FlinkDeployment")
                        .withName("clicks")
                        .endScaleTargetRef()
                        .build();

        HorizontalPodAutoscalerSpec actual = hpa(RENDERER.render(SPEC)).getSpec();

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.getMetrics()).hasSize(3);
        assertThat(actual.getBehavior().getScaleUp().getPolicies()).hasSize(2);
    }

    @Test
    void bothBudgetsSelectTheOperatorsStandalonePods() {
        PodDisruptionBudget jm = budget("clicks-jobmanager");
        PodDisruptionBudget tm = budget("clicks-taskmanager");

        assertThat(jm.getSpec().getSelector().getMatchLabels())
                .containsExactly(
                        entry("app", "clicks"),
                        entry("component", "jobmanager"),
                        entry("type", "flink-standalone-kubernetes"));
        assertThat(jm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(tm.getSpec().getSelector().getMatchLabels())
                .containsExactly(
                        entry("app", "clicks"),
                        entry("component", "taskmanager"),
                        entry("type", "flink-standalone-kubernetes"));
        assertThat(tm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(tm.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "taskmanager");
    }

    @Test
    void rendersTheResourceTheHpaAndBothBudgets() {
        assertThat(RENDERER.render(SPEC).keys())
                .containsExactlyInAnyOrder(
                        new ResourceKey("FlinkDeployment", "clicks"),
                        new ResourceKey("HorizontalPodAutoscaler", "clicks-taskmanager"),
                        new ResourceKey("PodDisruptionBudget", "clicks-jobmanager"),
                        new ResourceKey("PodDisruptionBudget", "clicks-taskmanager"));
    }

    @Test
    void everyOperatorSamplesAccompanyingObjectValidatesAgainstTheKubernetesSchema()
            throws Exception {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        Map<String, String> index = new HashMap<>();
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
            index.put(
                    entry.get("apiVersion").asText() + "/" + entry.get("kind").asText(),
                    entry.get("file").asText());
        }
        KubernetesSerialization k8s = new KubernetesSerialization();
        int checked = 0;
        for (FlinkDeploymentSpec spec : RenderFixtures.operatorSamples().values()) {
            for (HasMetadata o : RENDERER.render(spec).all()) {
                if (FlinkDeploymentStep.KIND.equals(o.getKind())) {
                    continue; // checked against the operator's CRD
                }
                String key = o.getApiVersion() + "/" + o.getKind();
                assertThat(index).as("a schema for %s", key).containsKey(key);
                JsonSchema schema;
                try (InputStream in = Files.newInputStream(dir.resolve(index.get(key)))) {
                    schema = JsonSchemas.factory().getSchema(in);
                }
                assertThat(schema.validate(JSON.readTree(k8s.asJson(o))))
                        .as("%s %s", spec.name(), ResourceKey.of(o))
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }
}
