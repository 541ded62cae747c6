package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator CRDs the testkit jar carries are the Flink Kubernetes Operator's own (in {@code
 * shared/reference/flink-operator-crds}) without their schemas. Regenerate the bundled file with
 * {@code -Dgolden.update=true} after updating the reference CRDs.
 */
class BundledOperatorCrdsTest {

    private static final Path BUNDLED =
            Path.of("src/main/resources/io/flinkk8s/sdk/testkit/flink-operator-crds.json");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theBundledCrdsAreTheOperatorsWithoutSchemas() throws IOException {
        ReferenceData.requireOperatorCrds();
        JsonNode expected = compacted(ReferenceData.operatorCrdDirectory().get());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(BUNDLED, JSON.writeValueAsString(expected) + "\n");
        }

        assertThat(JSON.readTree(BUNDLED.toFile()))
                .as("%s (regenerate with -Dgolden.update=true)", BUNDLED)
                .isEqualTo(expected);
    }

    @Test
    void flinkOperatorRegistersEveryBundledKindWithItsSubresources() {
        CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator();

        assertThat(crds.definitions())
                .extracting(c -> c.getSpec().getNames().getKind())
                .containsExactly(
                        "FlinkBlueGreenDeployment",
                        "FlinkDeployment",
                        "FlinkSessionJob",
                        "FlinkStateSnapshot");
        assertThat(crds.definitions().get(1).getSpec().getVersions().get(0).getSubresources())
                .satisfies(
                        s ->
                                assertThat(s.getScale().getSpecReplicasPath())
                                        .isEqualTo(".spec.taskManager.replicas"));
    }

    /** The reference CRDs with each version's schema replaced by one that keeps any field. */
    private static JsonNode compacted(Path directory) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : files) {
            ObjectNode crd = (ObjectNode) yaml.readTree(file.toFile());
            for (JsonNode version : crd.path("spec").path("versions")) {
                ObjectNode schema = JSON.createObjectNode();
                schema.putObject("openAPIV3Schema")
                        .put("type", "object")
                        .put("x-kubernetes-preserve-unknown-fields", true);
                ((ObjectNode) version).set("schema", schema);
            }
            all.add(crd);
        }
        return all;
    }
}
