package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's {@code flinkConfiguration}: a YAML map whose keys are either Flink's dotted keys
 * or their nested form ({@code high-availability: {type: kubernetes}}), which the operator joins
 * into dotted keys before Flink reads them.
 */
public final class ConfigTrees {

    private ConfigTrees() {}

    /**
     * {@code flat} as a configuration tree, keys in the map's order, every value as a string; null
     * for null.
     */
    public static ObjectNode of(Map<String, String> flat) {
        if (flat == null) {
            return null;
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        flat.forEach(tree::put);
        return tree;
    }

    /**
     * {@code tree} with nested maps joined into dotted keys and every scalar as its text, sorted by
     * key; empty for null.
     *
     * @throws IllegalArgumentException naming the key of a list or null value, which Flink's flat
     *     form cannot hold as written
     */
    public static Map<String, String> flat(JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return Map.of();
        }
        Map<String, String> flat = new TreeMap<>();
        flatten("", tree, flat);
        return Collections.unmodifiableMap(flat);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode value = f.getValue();
            if (value.isObject()) {
                flatten(key, value, flat);
            } else if (value.isValueNode() && !value.isNull()) {
                flat.put(key, value.asText());
            } else {
                throw new IllegalArgumentException(
                        "flinkConfiguration['"
                                + key
                                + "'] is "
                                + (value.isArray() ? "a list" : "null")
                                + "; write it as one string value (a list as Flink's"
                                + " 'a;b' form)");
            }
        }
    }

    static JsonNode copy(JsonNode tree) {
        return tree == null ? null : tree.deepCopy();
    }

    static Map<String, String> sortedCopy(Map<String, String> map) {
        return map == null ? null : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
