package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered {@code FlinkDeployment} validates against the operator's CRD schema, made strict
 * (an unknown field fails, as with {@code kubectl apply --server-side}): rendered for operator 1.15
 * (the default) against the released 1.15.0 CRD and the unreleased 1.16 one in {@code
 * shared/reference/flink-operator-crds}, which still accepts the deprecated {@code resource};
 * rendered for operator 1.16 ({@code resources}) against the 1.16 CRD.
 */
class FlinkDeploymentCrdSchemaTest {

    private static final String RELEASED =
            "flink-operator-crds/flinkdeployments.flink.apache.org-v1.yml";
    private static final String MAIN =
            "flink-operator-crds/main-1.16-SNAPSHOT/flinkdeployments.flink.apache.org-v1.yml";
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    static Stream<Arguments> specs() {
        List<Arguments> args = new ArrayList<>();
        for (String crd : List.of(RELEASED, MAIN)) {
            OperatorPipelineTest.specsByName()
                    .forEach((name, spec) -> args.add(Arguments.of(crd, name, spec)));
        }
        OperatorPipelineTest.specsByName()
                .forEach(
                        (name, spec) ->
                                args.add(
                                        Arguments.of(
                                                MAIN,
                                                name + " for operator 1.16",
                                                spec.withOperator(
                                                        spec.operator()
                                                                .withVersion(
                                                                        OperatorVersion.V1_16)))));
        return args.stream();
    }

    private JsonSchema schema(String crd) {
        return schemas.computeIfAbsent(
                crd, c -> JsonSchemas.strictCrdSchema(ReferenceData.require(c), "v1beta1"));
    }

    @ParameterizedTest(name = "{1} against {0}")
    @MethodSource("specs")
    void everyRenderedFlinkDeploymentValidatesAgainstTheCrd(
            String crd, String name, FlinkDeploymentSpec spec) {
        JsonSchema schema = schema(crd);

        for (HasMetadata o : Renderer.defaults().render(spec).all()) {
            if (!FlinkDeploymentStep.KIND.equals(o.getKind())) {
                continue; // the accompanying objects are checked against the Kubernetes schemas
            }
            assertThat(JsonSchemas.validate(schema, o)).as("%s %s", name, o.getKind()).isEmpty();
        }
    }

    @Test
    void theStrictSchemaRejectsUnknownFieldsAndWrongTypes() {
        JsonSchema schema = schema(RELEASED);
        GenericKubernetesResource valid =
                Renderer.defaults()
                        .render(OperatorPipelineTest.specsByName().get("operator-session"))
                        .flinkDeployment("sessions");

        Set<ValidationMessage> unknownField =
                JsonSchemas.validate(schema, edit(valid, "taskManager", "slots", 2));
        Set<ValidationMessage> cpuAsText =
                JsonSchemas.validate(
                        schema, edit(valid, "jobManager", "resource", Map.of("cpu", "1")));
        Set<ValidationMessage> unknownVersion =
                JsonSchemas.validate(schema, edit(valid, null, "flinkVersion", "v2_3"));

        assertThat(JsonSchemas.validate(schema, valid)).isEmpty();
        assertThat(unknownField)
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("slots"));
        assertThat(cpuAsText)
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("cpu"));
        assertThat(unknownVersion)
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("flinkVersion"));
    }

    @Test
    void operator116sResourcesAreRefusedByThe115Crd() {
        FlinkDeploymentSpec spec = OperatorPipelineTest.specsByName().get("operator-session");
        GenericKubernetesResource for116 =
                Renderer.defaults()
                        .render(spec.withOperator(OperatorSpec.of(OperatorVersion.V1_16)))
                        .flinkDeployment("sessions");

        assertThat(JsonSchemas.validate(schema(MAIN), for116)).isEmpty();
        assertThat(JsonSchemas.validate(schema(RELEASED), for116))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("resources"));
    }

    /**
     * The harness accepts real manifests: every {@code FlinkDeployment} among the operator's
     * examples (written for the 1.16 CRD) validates against it.
     */
    @Test
    void theOperatorsOwnExamplesValidateAgainstTheirCrd() throws IOException {
        JsonSchema schema = schema(MAIN);
        Path examples = ReferenceData.require("flink-operator-examples");
        List<String> checked = new ArrayList<>();

        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata o : OperatorExamples.flinkDeployments(file)) {
                    assertThat(JsonSchemas.validate(schema, o))
                            .as("%s", file.getFileName())
                            .isEmpty();
                    checked.add(o.getMetadata().getName());
                }
            }
        }

        assertThat(checked).hasSizeGreaterThan(10);
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource edit(
            GenericKubernetesResource cr, String section, String field, Object value) {
        GenericKubernetesResource copy =
                new GenericKubernetesResourceBuilder(K8S.clone(cr)).build();
        Map<String, Object> spec =
                new LinkedHashMap<>(
                        (Map<String, Object>) copy.getAdditionalProperties().get("spec"));
        Map<String, Object> target = spec;
        if (section != null) {
            target = new LinkedHashMap<>((Map<String, Object>) spec.get(section));
            spec.put(section, target);
        }
        target.put(field, value);
        copy.getAdditionalProperties().put("spec", spec);
        return copy;
    }
}
