package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object rendered for the sample specs validates against the strict Kubernetes 1.33 JSON
 * schemas in {@code shared/reference/k8s-schemas/v1.33} (unknown fields fail), chosen by apiVersion
 * and kind through the folder's {@code index.json}.
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private static final JsonSchemaFactory FACTORY = JsonSchemas.factory();

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    static Stream<Arguments> samples() {
        return RenderFixtures.samples().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRenderedObjectValidatesAgainstTheKubernetesSchema(
            String name, FlinkDeploymentSpec spec) throws Exception {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        Map<String, String> index = index(dir);

        for (HasMetadata o : Renderer.standalone().render(spec).all()) {
            String key = o.getApiVersion() + "/" + o.getKind();
            assertThat(index).as("a schema for %s", key).containsKey(key);
            JsonSchema schema = schema(dir.resolve(index.get(key)));

            Set<ValidationMessage> errors = schema.validate(JSON.readTree(K8S.asJson(o)));

            assertThat(errors).as("%s %s", name, ResourceKey.of(o)).isEmpty();
        }
    }

    private static Map<String, String> index(Path dir) throws Exception {
        Map<String, String> index = new HashMap<>();
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
            index.put(
                    entry.get("apiVersion").asText() + "/" + entry.get("kind").asText(),
                    entry.get("file").asText());
        }
        return index;
    }

    private JsonSchema schema(Path file) throws Exception {
        JsonSchema schema = schemas.get(file.toString());
        if (schema == null) {
            try (InputStream in = Files.newInputStream(file)) {
                schema = FACTORY.getSchema(in);
            }
            schemas.put(file.toString(), schema);
        }
        return schema;
    }
}
