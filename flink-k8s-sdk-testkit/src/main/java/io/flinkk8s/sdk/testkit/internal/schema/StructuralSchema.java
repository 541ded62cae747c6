package io.flinkk8s.sdk.testkit.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.testkit.internal.json.ListTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node of a CRD version's {@code openAPIV3Schema}, the parts the API server's pruning,
 * defaulting and validation read. Immutable once parsed.
 *
 * @param type {@code object}, {@code array}, {@code string}, {@code integer}, {@code number},
 *     {@code boolean}, or null (any)
 * @param additionalProperties the schema of a map's values, or null
 * @param additionalAllowed {@code additionalProperties: true}: any values, kept as sent
 * @param defaultValue the {@code default}, or null
 * @param listType {@code x-kubernetes-list-type}, or null
 */
public record StructuralSchema(
        String type,
        boolean nullable,
        boolean intOrString,
        boolean preserveUnknownFields,
        boolean embeddedResource,
        Map<String, StructuralSchema> properties,
        StructuralSchema items,
        StructuralSchema additionalProperties,
        boolean additionalAllowed,
        JsonNode defaultValue,
        List<JsonNode> enumValues,
        List<String> required,
        JsonNode minimum,
        JsonNode maximum,
        boolean exclusiveMinimum,
        boolean exclusiveMaximum,
        Long minLength,
        Long maxLength,
        Long minItems,
        Long maxItems,
        Pattern pattern,
        String format,
        String listType,
        List<String> listMapKeys)
        implements ListTypes {

    /** Parses a schema node ({@code openAPIV3Schema} or one of its children). */
    public static StructuralSchema parse(JsonNode node) {
        Map<String, StructuralSchema> properties = new LinkedHashMap<>();
        node.path("properties")
                .fields()
                .forEachRemaining(e -> properties.put(e.getKey(), parse(e.getValue())));
        JsonNode additional = node.get("additionalProperties");
        JsonNode pattern = node.get("pattern");
        return new StructuralSchema(
                text(node, "type"),
                node.path("nullable").asBoolean(false),
                node.path("x-kubernetes-int-or-string").asBoolean(false),
                node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false),
                node.path("x-kubernetes-embedded-resource").asBoolean(false),
                Collections.unmodifiableMap(properties),
                node.path("items").isObject() ? parse(node.get("items")) : null,
                additional != null && additional.isObject() ? parse(additional) : null,
                additional != null && additional.isBoolean() && additional.asBoolean(),
                node.get("default"),
                list(node.path("enum")),
                texts(node.path("required")),
                node.get("minimum"),
                node.get("maximum"),
                node.path("exclusiveMinimum").asBoolean(false),
                node.path("exclusiveMaximum").asBoolean(false),
                number(node, "minLength"),
                number(node, "maxLength"),
                number(node, "minItems"),
                number(node, "maxItems"),
                pattern == null ? null : Pattern.compile(pattern.asText()),
                text(node, "format"),
                text(node, "x-kubernetes-list-type"),
                texts(node.path("x-kubernetes-list-map-keys")));
    }

    /** The schema of the property {@code name} of an object, or null when it is unknown. */
    public StructuralSchema child(String name) {
        StructuralSchema property = properties.get(name);
        return property != null ? property : additionalProperties;
    }

    /** What the schema says about the lists below {@code name}: atomic when it is unknown. */
    @Override
    public ListTypes field(String name) {
        StructuralSchema property = child(name);
        return property == null ? ListTypes.ATOMIC : property;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return List.copyOf(values);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
