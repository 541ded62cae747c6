package io.flinkk8s.sdk.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges pod templates the way Flink's native Kubernetes mode merges its pod template with what
 * Flink renders: the overlay wins for every value it sets, everything else of the base is kept.
 *
 * <ul>
 *   <li>objects merge field by field, recursively ({@code resources.limits} keeps a GPU limit of
 *       the base while the overlay sets CPU and memory);
 *   <li>lists of named things merge by their key, base order first, then new overlay items:
 *       containers, init containers, volumes, env, image pull secrets by {@code name}; volume
 *       mounts by {@code mountPath}; ports by {@code containerPort}; an item of the overlay merges
 *       into the base item with the same key;
 *   <li>any other list (tolerations, args, command, ...) is replaced when the overlay sets it.
 * </ul>
 *
 * Internal: not API, may change in any release.
 */
public final class PodTemplates {

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private static final Map<String, String> LIST_KEYS =
            Map.of(
                    "containers", "name",
                    "initContainers", "name",
                    "ephemeralContainers", "name",
                    "volumes", "name",
                    "env", "name",
                    "imagePullSecrets", "name",
                    "volumeMounts", "mountPath",
                    "volumeDevices", "devicePath",
                    "ports", "containerPort");

    private PodTemplates() {}

    /** {@code overlay} merged onto {@code base}; both may be null; neither is changed. */
    public static PodTemplateSpec merge(PodTemplateSpec base, PodTemplateSpec overlay) {
        if (base == null) {
            return Copies.podTemplate(overlay);
        }
        if (overlay == null) {
            return Copies.podTemplate(base);
        }
        ObjectNode merged = (ObjectNode) toTree(base);
        mergeObject(merged, (ObjectNode) toTree(overlay));
        return SERIALIZATION.convertValue(merged, PodTemplateSpec.class);
    }

    private static JsonNode toTree(PodTemplateSpec template) {
        return SERIALIZATION.convertValue(template, JsonNode.class);
    }

    private static void mergeObject(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode over = field.getValue();
            JsonNode under = base.get(name);
            if (over == null || over.isNull()) {
                continue;
            }
            if (under instanceof ObjectNode u && over instanceof ObjectNode o) {
                mergeObject(u, o);
            } else if (under instanceof ArrayNode u
                    && over instanceof ArrayNode o
                    && LIST_KEYS.containsKey(name)
                    && allKeyed(u, LIST_KEYS.get(name))
                    && allKeyed(o, LIST_KEYS.get(name))) {
                base.set(name, mergeByKey(u, o, LIST_KEYS.get(name)));
            } else {
                base.set(name, over.deepCopy());
            }
        }
    }

    private static ArrayNode mergeByKey(ArrayNode base, ArrayNode overlay, String key) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (JsonNode item : base) {
            byKey.put(item.get(key).asText(), ((ObjectNode) item).deepCopy());
        }
        List<ObjectNode> added = new ArrayList<>();
        for (JsonNode item : overlay) {
            ObjectNode existing = byKey.get(item.get(key).asText());
            if (existing != null) {
                mergeObject(existing, (ObjectNode) item);
            } else {
                added.add(((ObjectNode) item).deepCopy());
            }
        }
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        byKey.values().forEach(merged::add);
        added.forEach(merged::add);
        return merged;
    }

    private static boolean allKeyed(ArrayNode items, String key) {
        for (JsonNode item : items) {
            if (!item.isObject() || item.get(key) == null || item.get(key).isNull()) {
                return false;
            }
        }
        return true;
    }
}
