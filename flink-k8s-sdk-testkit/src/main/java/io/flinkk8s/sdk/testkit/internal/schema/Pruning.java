package io.flinkk8s.sdk.testkit.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Removes the fields a structural schema does not declare, as the API server prunes a custom
 * resource on every write: a field neither in {@code properties} nor covered by {@code
 * additionalProperties} goes, except below {@code x-kubernetes-preserve-unknown-fields: true}, and
 * {@code apiVersion}, {@code kind} and {@code metadata} of the resource and of every {@code
 * x-kubernetes-embedded-resource} stay. Then, as the API server does before defaulting, a null
 * whose schema is not {@code nullable} is removed (or replaced by the field's default).
 */
public final class Pruning {

    private Pruning() {}

    /**
     * Prunes {@code object}, a resource at the schema's root, in place.
     *
     * @return the paths of the removed fields, dotted (what the API server's warnings name)
     */
    public static List<String> prune(ObjectNode object, StructuralSchema schema) {
        List<String> removed = new ArrayList<>();
        pruneObject(object, schema, "", true, removed);
        return removed;
    }

    private static void prune(
            JsonNode value, StructuralSchema schema, String path, List<String> removed) {
        if (value instanceof ObjectNode object) {
            pruneObject(object, schema, path, false, removed);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                prune(
                        value.get(i),
                        schema == null ? null : schema.items(),
                        path + "[" + i + "]",
                        removed);
            }
        }
    }

    private static void pruneObject(
            ObjectNode object,
            StructuralSchema schema,
            String path,
            boolean root,
            List<String> removed) {
        boolean preserve =
                schema != null && (schema.preserveUnknownFields() || schema.additionalAllowed());
        boolean resource = root || schema != null && schema.embeddedResource();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String child = path.isEmpty() ? name : path + "." + name;
            if (resource
                    && (name.equals("apiVersion")
                            || name.equals("kind")
                            || name.equals("metadata"))) {
                continue;
            }
            StructuralSchema property = schema == null ? null : schema.child(name);
            if (property == null && !preserve) {
                removed.add(child);
                it.remove();
                continue;
            }
            if (field.getValue().isNull()
                    && property != null
                    && !property.nullable()
                    && !(preserve && property == schema.additionalProperties())) {
                if (property.defaultValue() == null) {
                    it.remove();
                } else {
                    field.setValue(property.defaultValue().deepCopy());
                }
                continue;
            }
            if (property != null || !preserve) {
                prune(field.getValue(), property, child, removed);
            }
        }
    }
}
