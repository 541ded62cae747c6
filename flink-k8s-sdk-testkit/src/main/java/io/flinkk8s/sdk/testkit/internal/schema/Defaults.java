package io.flinkk8s.sdk.testkit.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Fills in the {@code default} of every property a custom resource leaves out, top down, as the API
 * server's structural defaulting does on every write: a defaulted object gets the defaults of its
 * own properties too, and list items and map values get their schema's.
 */
public final class Defaults {

    private Defaults() {}

    /** Applies the defaults of {@code schema} to {@code value} in place. */
    public static void apply(JsonNode value, StructuralSchema schema) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, StructuralSchema> property : schema.properties().entrySet()) {
                JsonNode given = object.get(property.getKey());
                JsonNode defaultValue = property.getValue().defaultValue();
                if (defaultValue != null && (given == null || given.isMissingNode())) {
                    object.set(property.getKey(), defaultValue.deepCopy());
                }
            }
            object.fields()
                    .forEachRemaining(
                            e -> {
                                StructuralSchema property = schema.child(e.getKey());
                                apply(e.getValue(), property);
                            });
        } else if (value.isArray()) {
            value.forEach(item -> apply(item, schema.items()));
        }
    }
}
