package io.flinkk8s.sdk.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.internal.schema.Pruning;
import io.flinkk8s.sdk.testkit.internal.schema.SchemaValidation;
import io.flinkk8s.sdk.testkit.internal.schema.StructuralSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the SDK renders for the operator target, held against the Flink Kubernetes Operator's own
 * CRDs (not the SDK's generated ones): a real API server with the operator installed would neither
 * prune a field of it nor refuse it.
 */
class OperatorCrdSchemaTest {

    private static final List<String> OPERATOR_SAMPLES =
            List.of(
                    "operator-minimal-application",
                    "operator-stateful-ha-application",
                    "operator-session",
                    "operator-hpa-application",
                    "operator-flink-1.20-suspended-with-sidecar",
                    "operator-autoscaled-with-probes-and-budgets");

    @BeforeEach
    void needsOperatorCrds() {
        ReferenceData.requireOperatorCrds();
    }

    static Stream<String> samples() {
        return OPERATOR_SAMPLES.stream();
    }

    private static FlinkDeploymentSpec sample(String name) {
        String path = "/contract-specs/" + name + ".yaml";
        try (InputStream in = OperatorCrdSchemaTest.class.getResourceAsStream(path)) {
            return SpecSerialization.fromYaml(
                    new String(Objects.requireNonNull(in, path).readAllBytes(), UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StructuralSchema operatorSchema(String kind, String version) {
        Path file =
                ReferenceData.operatorCrdDirectory()
                        .get()
                        .resolve(kind.toLowerCase(Locale.ROOT) + "s.flink.apache.org-v1.yml");
        try {
            JsonNode crd = new YAMLMapper().readTree(Files.readString(file));
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    return StructuralSchema.parse(v.path("schema").path("openAPIV3Schema"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no version " + version + " in " + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theOperatorsOwnCrdNeitherPrunesNorRefusesWhatTheSdkRenders(String sample) {
        FlinkDeploymentSpec spec = sample(sample);
        assertThat(spec.target()).isEqualTo(RenderTarget.OPERATOR);
        List<HasMetadata> custom =
                Renderer.defaults().render(spec).all().stream()
                        .filter(o -> o.getApiVersion().startsWith("flink.apache.org/"))
                        .toList();
        assertThat(custom).isNotEmpty();

        for (HasMetadata object : custom) {
            ObjectNode tree = Serialization.jsonMapper().valueToTree(object);
            StructuralSchema schema =
                    operatorSchema(
                            object.getKind(),
                            object.getApiVersion().substring("flink.apache.org/".length()));
            ObjectNode pruned = tree.deepCopy();

            assertThat(Pruning.prune(pruned, schema)).as(object.getKind()).isEmpty();
            assertThat(SchemaValidation.validate(pruned, schema)).as(object.getKind()).isEmpty();
            // the schema is a real one: a field the operator does not know would go
            ObjectNode probe = tree.deepCopy();
            probe.with("spec").put("notAnOperatorField", 1);
            assertThat(Pruning.prune(probe, schema)).containsExactly("spec.notAnOperatorField");
        }
    }
}
