package io.flinkk8s.sdk.core.render.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Flink Kubernetes Operator's example manifests ({@code
 * shared/reference/flink-operator-examples}): reading their {@code FlinkDeployment}s (and other
 * kinds) as written, and reading fields of one for comparisons. Turning one into a spec is the
 * product's {@code OperatorImport}.
 */
final class OperatorExamples {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private OperatorExamples() {}

    /** Every {@code FlinkDeployment} document of {@code file}, as read. */
    static List<JsonNode> documents(Path file) {
        return documents(file, "FlinkDeployment");
    }

    /** Every document of {@code kind} in {@code file}, as read. */
    static List<JsonNode> documents(Path file, String kind) {
        List<JsonNode> found = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && kind.equals(doc.path("kind").asText())) {
                    found.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Every {@code FlinkDeployment} of {@code file} as a fabric8 object. */
    static List<GenericKubernetesResource> flinkDeployments(Path file) {
        return documents(file).stream()
                .map(d -> K8S.convertValue(d, GenericKubernetesResource.class))
                .toList();
    }

    /**
     * {@code node}'s Flink configuration with nested maps joined into dotted keys and every value
     * as text, sorted.
     */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", node, flat);
        return flat;
    }

    /** The memory {@code component} asks for: {@code resource.memory} or the 1.16 request. */
    static String memory(JsonNode component) {
        return component.has("resource")
                ? component.at("/resource/memory").asText()
                : component.at("/resources/requests/memory").asText();
    }

    /** The CPU {@code component} asks for: {@code resource.cpu} or the 1.16 request. */
    static String cpu(JsonNode component) {
        return component.has("resource")
                ? component.at("/resource/cpu").asText()
                : component.at("/resources/requests/cpu").asText();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            if (f.getValue().isObject()) {
                flatten(key, f.getValue(), flat);
            } else {
                flat.put(key, f.getValue().asText());
            }
        }
    }
}
