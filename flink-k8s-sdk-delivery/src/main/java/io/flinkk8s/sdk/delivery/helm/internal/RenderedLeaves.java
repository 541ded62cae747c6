package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMapStep;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every scalar of a rendering, keyed by its object ({@code Kind/name}) and JSON pointer; the lines
 * of a Flink config file are scalars of their own, keyed {@code <pointer>#<config key>}.
 */
final class RenderedLeaves {

    /**
     * The Flink config files of the ConfigMap: {@code config.yaml} (2.x), {@code flink-conf.yaml}.
     */
    static final List<String> CONFIG_FILES = List.of("config.yaml", "flink-conf.yaml");

    /** The end of the pointer of the pod annotation that holds the config file's SHA-256. */
    static final String HASH_POINTER =
            "/metadata/annotations/" + FlinkConfigMapStep.CONFIG_HASH_ANNOTATION.replace("/", "~1");

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RenderedLeaves() {}

    /** An object's key: {@code Kind/name}. */
    static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** The object as a JSON tree, as the SDK serializes it. */
    static JsonNode tree(HasMetadata object) {
        try {
            return MAPPER.readTree(SERIALIZATION.asJson(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "SDK bug: a rendered object is not JSON: " + key(object), e);
        }
    }

    /** Every scalar of {@code rendered}. */
    static Map<String, JsonNode> of(RenderedResources rendered) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        for (HasMetadata object : rendered.all()) {
            collect(key(object), "", tree(object), leaves);
        }
        return leaves;
    }

    /** Whether {@code pointer} is a Flink config file of a ConfigMap. */
    static boolean isConfigFile(String key, String pointer) {
        return key.startsWith("ConfigMap/")
                && CONFIG_FILES.stream().anyMatch(f -> pointer.equals("/data/" + f));
    }

    /** The {@code key: value} lines of a config file: key → value text. */
    static Map<String, String> configLines(String text) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith(" ") && !line.startsWith("#")) {
                lines.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return lines;
    }

    private static void collect(
            String key, String pointer, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().replace("~", "~0").replace("/", "~1");
                collect(key, pointer + "/" + name, field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(key, pointer + "/" + i, node.get(i), out);
            }
        } else if (node.isTextual() && isConfigFile(key, pointer)) {
            out.put(key + pointer, node);
            configLines(node.asText())
                    .forEach((k, v) -> out.put(key + pointer + "#" + k, TextNode.valueOf(v)));
        } else {
            out.put(key + pointer, node);
        }
    }
}
