package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A session job renders as one typed {@code FlinkSessionJob}, with the operator's field names, that
 * validates against the operator's 1.15.0 and 1.16 CRDs made strict.
 */
class FlinkSessionJobRenderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    static FlinkSessionJobSpec clicks() {
        return FlinkSessionJobSpec.named("clicks")
                .edit()
                .namespace("streaming")
                .deploymentName("analytics")
                .job(
                        new JobSpec(
                                "https://repo.example.com/clicks-1.0.jar",
                                "com.acme.Clicks",
                                List.of("--topic", "clicks"),
                                4,
                                UpgradeMode.SAVEPOINT,
                                JobState.RUNNING,
                                "s3://bucket/sp/sp-1",
                                true))
                .flinkConfiguration(Map.of("pipeline.name", "clicks"))
                .labels(Map.of("team", "web"))
                .annotations(Map.of("owner", "web@acme.com"))
                .build();
    }

    @Test
    void rendersOneFlinkSessionJobWithEveryFieldOfTheSpec() {
        // when
        RenderedResources rendered = Renderer.defaults().render(clicks());
        // then
        assertThat(rendered.size()).isOne();
        assertThat(rendered.advisories()).isEmpty();
        FlinkSessionJob cr = rendered.get(FlinkSessionJob.class, "clicks");
        JsonNode tree = JSON.valueToTree(K8S.convertValue(cr, Map.class));
        assertThat(tree.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(tree.path("kind").asText()).isEqualTo("FlinkSessionJob");
        assertThat(tree.at("/metadata/namespace").asText()).isEqualTo("streaming");
        assertThat(cr.getMetadata().getLabels())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "app.kubernetes.io/name", "flink",
                                "app.kubernetes.io/instance", "clicks",
                                "app.kubernetes.io/component", "session-job",
                                "app.kubernetes.io/managed-by", "flink-k8s-sdk",
                                "team", "web"));
        assertThat(cr.getMetadata().getAnnotations()).containsEntry("owner", "web@acme.com");
        assertThat(tree.path("spec").toString())
                .isEqualTo(
                        "{\"deploymentName\":\"analytics\","
                                + "\"flinkConfiguration\":{\"pipeline.name\":\"clicks\"},"
                                + "\"job\":{\"jarURI\":\"https://repo.example.com/clicks-1.0.jar\","
                                + "\"entryClass\":\"com.acme.Clicks\","
                                + "\"args\":[\"--topic\",\"clicks\"],"
                                + "\"parallelism\":4,"
                                + "\"upgradeMode\":\"savepoint\","
                                + "\"state\":\"running\","
                                + "\"initialSavepointPath\":\"s3://bucket/sp/sp-1\","
                                + "\"allowNonRestoredState\":true}}");
    }

    @Test
    void fillsTheOperatorsDefaultsAndLeavesAnEmptyConfigurationOut() {
        FlinkSessionJobSpec minimal =
                FlinkSessionJobSpec.named("clicks")
                        .edit()
                        .deploymentName("analytics")
                        .job(
                                JobSpec.ofJar("https://repo.example.com/clicks.jar")
                                        .withParallelism(2))
                        .build();

        FlinkSessionJob cr =
                Renderer.defaults().render(minimal).get(FlinkSessionJob.class, "clicks");

        assertThat(cr.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(cr.getSpec().flinkConfiguration()).isNull();
        assertThat(cr.getSpec().job().upgradeMode()).isEqualTo("stateless");
        assertThat(cr.getSpec().job().state()).isEqualTo("running");
    }

    @Test
    void refusesAnInvalidSessionJobBeforeRenderingAnything() {
        FlinkSessionJobSpec invalid = clicks().edit().deploymentName(null).build();

        assertThatThrownBy(() -> Renderer.defaults().render(invalid))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("deploymentName: must be set");
    }

    @Test
    void advisesOnASchemeTheOperatorDoesNotFetchFromByDefaultAndOnStartingSuspended() {
        FlinkSessionJobSpec spec =
                clicks().withJob(
                                new JobSpec(
                                        "s3://bucket/jars/clicks.jar",
                                        null,
                                        null,
                                        2,
                                        null,
                                        JobState.SUSPENDED,
                                        null,
                                        null));

        List<Advisory> advisories = Renderer.defaults().render(spec).advisories();

        assertThat(advisories)
                .extracting(Advisory::path)
                .containsExactly("job.jarURI", "job.state");
        assertThat(advisories.get(0).message())
                .contains("kubernetes.operator.user.artifacts.allowed-schemes")
                .contains("s3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "flink-operator-crds/flinksessionjobs.flink.apache.org-v1.yml",
                "flink-operator-crds/main-1.16-SNAPSHOT/flinksessionjobs.flink.apache.org-v1.yml"
            })
    void theRenderedSessionJobValidatesAgainstTheOperatorsCrd(String crd) {
        JsonSchema schema = JsonSchemas.strictCrdSchema(ReferenceData.require(crd), "v1beta1");
        FlinkSessionJobSpec minimal =
                FlinkSessionJobSpec.named("clicks")
                        .edit()
                        .deploymentName("analytics")
                        .job(
                                JobSpec.ofJar("https://repo.example.com/clicks.jar")
                                        .withParallelism(2))
                        .build();

        for (FlinkSessionJobSpec spec : List.of(clicks(), minimal)) {
            for (HasMetadata o : Renderer.defaults().render(spec).all()) {
                assertThat(JsonSchemas.validate(schema, o)).as(spec.name()).isEmpty();
            }
        }
    }

    @Test
    void theStrictSessionJobSchemaRejectsAnUnknownField() {
        JsonSchema schema =
                JsonSchemas.strictCrdSchema(
                        ReferenceData.require(
                                "flink-operator-crds/flinksessionjobs.flink.apache.org-v1.yml"),
                        "v1beta1");
        GenericKubernetesResource cr =
                K8S.convertValue(
                        Renderer.defaults().render(clicks()).all().get(0),
                        GenericKubernetesResource.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cr.getAdditionalProperties().get("spec");
        spec.put("deploymentNam", "typo");

        Set<ValidationMessage> messages = JsonSchemas.validate(schema, cr);

        assertThat(messages)
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("deploymentNam"));
    }
}
