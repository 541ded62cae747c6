package io.flinkk8s.sdk.core.render.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * shared/reference/flink-operator-examples}): reading their {@code FlinkDeployment}s, and the
 * translation of one into the SDK's serialized spec form for {@code SpecSerialization}.
 *
 * <p>The translation is field for field where the two forms agree and makes three shapes explicit:
 * nested {@code flinkConfiguration} maps are flattened to dotted keys (Flink reads them the same);
 * the HA keys become the {@code highAvailability} section (the SDK owns {@code
 * high-availability.type}); the 1.16 {@code resources.requests} form becomes {@code resource}. The
 * deprecated {@code job.savepointTriggerNonce} is not modelled and is dropped.
 */
final class OperatorExamples {

    /** Job fields the SDK models under the operator's names. */
    static final List<String> JOB_FIELDS =
            List.of(
                    "jarURI",
                    "entryClass",
                    "args",
                    "parallelism",
                    "upgradeMode",
                    "state",
                    "initialSavepointPath",
                    "allowNonRestoredState");

    /** Job fields of the examples the SDK does not model. */
    static final List<String> DROPPED_JOB_FIELDS = List.of("savepointTriggerNonce");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private OperatorExamples() {}

    /** Every {@code FlinkDeployment} document of {@code file}, as read. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> found = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "FlinkDeployment".equals(doc.path("kind").asText())) {
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

    /** {@code example} in the SDK's serialized spec form, with {@code target: operator}. */
    static ObjectNode toSpec(JsonNode example) {
        JsonNode spec = example.path("spec");
        ObjectNode out = JSON.createObjectNode();
        out.put("name", example.at("/metadata/name").asText());
        copy(example.path("metadata"), out, "namespace");
        out.put("target", "operator");
        copy(spec, out, "image", "imagePullPolicy", "flinkVersion", "serviceAccount");
        Map<String, String> config = flatten(spec.path("flinkConfiguration"));
        String haType = config.remove("high-availability.type");
        String haDir = config.remove("high-availability.storageDir");
        if (haType != null) {
            ObjectNode ha = out.putObject("highAvailability").put("type", haType);
            if (haDir != null) {
                ha.put("storageDir", haDir);
            }
        }
        if (!config.isEmpty()) {
            out.set("flinkConfiguration", JSON.valueToTree(config));
        }
        copy(spec, out, "logConfiguration", "podTemplate");
        for (String component : List.of("jobManager", "taskManager")) {
            if (spec.has(component)) {
                out.set(component, process(spec.path(component)));
            }
        }
        if (spec.has("job")) {
            ObjectNode job = out.putObject("job");
            JOB_FIELDS.forEach(f -> copy(spec.path("job"), job, f));
        }
        return out;
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

    private static ObjectNode process(JsonNode component) {
        ObjectNode out = JSON.createObjectNode();
        copy(component, out, "replicas");
        out.putObject("resource").put("cpu", cpu(component)).put("memory", memory(component));
        copy(component, out, "podTemplate");
        return out;
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

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }
}
