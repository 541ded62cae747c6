package io.flinkk8s.sdk.delivery.helm.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code values.yaml} (with a comment per value) and {@code values.schema.json} of a chart. */
final class ChartValuesFile {

    /** The schema's title; how the folder knows its own schema (JSON has no comments). */
    static final String SCHEMA_TITLE =
            "values of a Flink deployment's chart, written by flink-k8s-sdk";

    private ChartValuesFile() {}

    static String valuesYaml(List<ValueDefinition> values) {
        StringBuilder out = new StringBuilder(ChartFiles.MARKER).append('\n');
        out.append("# The values of this chart; values.schema.json says what each one accepts.\n");
        out.append("# The namespace is the release's (helm install --namespace).\n");
        write(out, tree(values, v -> v), "");
        return out.toString();
    }

    static String schemaJson(List<ValueDefinition> values) {
        Map<String, Object> root = object(tree(values, ValueDefinition::schema));
        Map<String, Object> properties = cast(root.get("properties"));
        // a parent chart passes its global values to this one
        properties.put("global", Map.of("type", "object"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", SCHEMA_TITLE);
        schema.putAll(root);
        return ChartFiles.json(schema) + "\n";
    }

    /** The values as a tree by their dotted paths, each leaf mapped by {@code leaf}. */
    private static Map<String, Object> tree(
            List<ValueDefinition> values,
            java.util.function.Function<ValueDefinition, Object> leaf) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ValueDefinition value : values) {
            if (!value.inValues()) {
                continue;
            }
            String[] parts = value.path().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node =
                        cast(
                                node.computeIfAbsent(
                                        parts[i], k -> new LinkedHashMap<String, Object>()));
            }
            node.put(parts[parts.length - 1], leaf.apply(value));
        }
        return root;
    }

    /** A JSON Schema object of a tree whose leaves are schemas; every property required. */
    private static Map<String, Object> object(Map<String, Object> tree) {
        Map<String, Object> properties = new LinkedHashMap<>();
        tree.forEach(
                (key, child) -> {
                    properties.put(key, isSchema(child) ? child : object(cast(child)));
                });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.put("required", new ArrayList<>(tree.keySet()));
        schema.put("properties", properties);
        return schema;
    }

    private static boolean isSchema(Object node) {
        return node instanceof Map<?, ?> map
                && map.containsKey("type")
                && !(map.get("type") instanceof Map);
    }

    private static void write(StringBuilder out, Map<String, Object> tree, String indent) {
        tree.forEach(
                (key, child) -> {
                    if (child instanceof ValueDefinition value) {
                        out.append(indent).append("# ").append(value.description()).append('\n');
                        out.append(indent)
                                .append(key)
                                .append(": ")
                                .append(scalar(value.defaultValue()))
                                .append('\n');
                    } else {
                        out.append(indent).append(key).append(":\n");
                        write(out, cast(child), indent + "  ");
                    }
                });
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return ChartFiles.json(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
