package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JobManager's PodDisruptionBudget next to the {@code FlinkDeployment}. */
class OperatorPodDisruptionBudgetStepTest {

    private static final Renderer RENDERER = Renderer.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FlinkDeploymentSpec application(DisruptionPolicy disruption) {
        return RenderFixtures.operatorSamples()
                .get("operator-stateful-ha-application")
                .edit()
                .disruption(disruption)
                .build();
    }

    private static PodDisruptionBudget jobManagerBudget(RenderedResources rendered) {
        return rendered.all().stream()
                .filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void selectsTheNativeJobManagerPodsOfTheCluster() {
        PodDisruptionBudget pdb =
                jobManagerBudget(RENDERER.render(application(new DisruptionPolicy("1", null))));

        assertThat(pdb.getMetadata().getName()).isEqualTo("payments-jobmanager");
        assertThat(pdb.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(pdb.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "jobmanager");
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .containsExactly(
                        entry("app", "payments"),
                        entry("component", "jobmanager"),
                        entry("type", "flink-native-kubernetes"));
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
    }

    @Test
    void keepsAPercentageAsText() {
        PodDisruptionBudget pdb =
                jobManagerBudget(RENDERER.render(application(new DisruptionPolicy("50%", null))));

        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("50%"));
    }

    @Test
    void rendersOnlyTheJobManagerBudgetAndAdvisesAboutTheTaskManagers() {
        RenderedResources rendered = RENDERER.render(application(new DisruptionPolicy(null, "1")));

        assertThat(rendered.keys())
                .extracting(k -> k.kind())
                .containsExactlyInAnyOrder("FlinkDeployment", "PodDisruptionBudget");
        assertThat(rendered.advisories())
                .extracting(Advisory::path)
                .contains("disruption.taskManagerMaxUnavailable");
        assertThat(rendered.advisories())
                .filteredOn(a -> a.path().equals("disruption.taskManagerMaxUnavailable"))
                .extracting(Advisory::message)
                .singleElement()
                .asString()
                .contains("owned by the JobManager Deployment")
                .contains("the operator-hpa strategy (standalone mode, a TaskManager Deployment)");
    }

    @Test
    void inStandaloneModeTheTaskManagersGetABudgetAndNoAdvisory() {
        RenderedResources rendered =
                RENDERER.render(
                        RenderFixtures.operatorHpaApplication()
                                .edit()
                                .disruption(new DisruptionPolicy(null, "2"))
                                .build());

        PodDisruptionBudget tm = rendered.get(PodDisruptionBudget.class, "clicks-taskmanager");
        assertThat(tm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(2));
        assertThat(tm.getSpec().getSelector().getMatchLabels())
                .containsEntry("type", "flink-standalone-kubernetes")
                .containsEntry("component", "taskmanager");
        assertThat(rendered.advisories())
                .extracting(Advisory::path)
                .doesNotContain("disruption.taskManagerMaxUnavailable");
    }

    @Test
    void rendersNoBudgetWithoutADisruptionPolicy() {
        RenderedResources rendered = RENDERER.render(application(DisruptionPolicy.none()));

        assertThat(rendered.keys()).extracting(k -> k.kind()).containsExactly("FlinkDeployment");
    }

    @Test
    void theBudgetValidatesAgainstTheKubernetesSchema() throws Exception {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        String file = null;
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
            if (entry.get("apiVersion").asText().equals("policy/v1")
                    && entry.get("kind").asText().equals("PodDisruptionBudget")) {
                file = entry.get("file").asText();
            }
        }
        assertThat(file).as("a schema for policy/v1 PodDisruptionBudget").isNotNull();
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            schema = JsonSchemas.factory().getSchema(in);
        }
        PodDisruptionBudget pdb =
                jobManagerBudget(RENDERER.render(application(new DisruptionPolicy("1", "1"))));

        assertThat(schema.validate(JSON.readTree(new KubernetesSerialization().asJson(pdb))))
                .isEmpty();
    }
}
