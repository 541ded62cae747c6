package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a server-side apply of a desired object would change on the live one, computed from
 * the live object alone (no dry run, no request): a desired value the live object lacks or holds
 * differently, and a field this field manager applied before ({@code metadata.managedFields},
 * FieldsV1) that the desired object no longer sets, which the API server would remove. Fields the
 * server or other managers added are ignored, so a live object with defaults filled in still counts
 * as unchanged.
 */
final class ObjectDiff {

    // Plain, configured once: used to parse FieldsV1 keys and to print values.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE_LENGTH = 120;
    private static final Set<String> IDENTITY = Set.of("apiVersion", "kind", "status");
    private static final Set<String> SERVER_METADATA =
            Set.of(
                    "name",
                    "namespace",
                    "uid",
                    "resourceVersion",
                    "generation",
                    "creationTimestamp",
                    "managedFields",
                    "selfLink");

    private ObjectDiff() {}

    /**
     * The changes, in the order of the desired object's fields, then the removed fields.
     *
     * @param desired the object as it would be applied
     * @param live the stored object, with its {@code managedFields}
     * @param fieldManager the manager whose previously applied fields count
     */
    static List<FieldChange> between(JsonNode desired, JsonNode live, String fieldManager) {
        List<FieldChange> changes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (IDENTITY.contains(e.getKey())) {
                continue;
            }
            JsonNode liveValue = live.path(e.getKey());
            if (e.getKey().equals("metadata")) {
                ObjectNode meta = ((ObjectNode) e.getValue()).deepCopy();
                meta.remove(SERVER_METADATA);
                compare("metadata", meta, liveValue, changes);
            } else {
                compare(e.getKey(), e.getValue(), liveValue, changes);
            }
        }
        JsonNode owned = appliedFields(live, fieldManager);
        if (owned != null) {
            removed("", owned, desired, live, changes);
        }
        return changes;
    }

    private static void compare(String path, JsonNode want, JsonNode have, List<FieldChange> out) {
        if (want.isObject() && have.isObject()) {
            want.fields()
                    .forEachRemaining(
                            e ->
                                    compare(
                                            path + segment(e.getKey()),
                                            e.getValue(),
                                            have.path(e.getKey()),
                                            out));
        } else if (want.isArray() && have.isArray() && want.size() == have.size()) {
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), have.get(i), out);
            }
        } else if (!sameValue(want, have)) {
            out.add(new FieldChange(path, print(have), print(want)));
        }
    }

    /** Walks one manager's FieldsV1 and reports what {@code desired} no longer sets. */
    private static void removed(
            String path, JsonNode owned, JsonNode desired, JsonNode live, List<FieldChange> out) {
        owned.fields()
                .forEachRemaining(
                        e -> {
                            String key = e.getKey();
                            if (key.startsWith("f:")) {
                                String field = key.substring(2);
                                String at = path.isEmpty() ? field : path + segment(field);
                                JsonNode want = desired.path(field);
                                if (want.isMissingNode() || want.isNull()) {
                                    out.add(new FieldChange(at, print(live.path(field)), null));
                                } else if (e.getValue().size() > 0) {
                                    removed(at, e.getValue(), want, live.path(field), out);
                                }
                            } else if (key.startsWith("k:")) {
                                JsonNode itemKey = parse(key.substring(2));
                                String at = path + keyed(itemKey);
                                JsonNode want = findItem(desired, itemKey);
                                if (want == null) {
                                    JsonNode have = findItem(live, itemKey);
                                    out.add(new FieldChange(at, print(have), null));
                                } else if (e.getValue().size() > 0) {
                                    JsonNode have = findItem(live, itemKey);
                                    removed(
                                            at,
                                            e.getValue(),
                                            want,
                                            have == null ? MissingNode.getInstance() : have,
                                            out);
                                }
                            } else if (key.startsWith("v:")) {
                                JsonNode value = parse(key.substring(2));
                                if (!containsValue(desired, value)) {
                                    out.add(new FieldChange(path, print(value), null));
                                }
                            }
                        });
    }

    private static JsonNode appliedFields(JsonNode live, String fieldManager) {
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (fieldManager.equals(entry.path("manager").asText())
                    && "Apply".equals(entry.path("operation").asText())
                    && !entry.hasNonNull("subresource")) {
                return entry.path("fieldsV1");
            }
        }
        return null;
    }

    static JsonNode findItem(JsonNode array, JsonNode itemKey) {
        if (!array.isArray()) {
            return null;
        }
        for (JsonNode item : array) {
            boolean matches = true;
            Iterator<Map.Entry<String, JsonNode>> keys = itemKey.fields();
            while (keys.hasNext() && matches) {
                Map.Entry<String, JsonNode> k = keys.next();
                matches = sameValue(k.getValue(), item.path(k.getKey()));
            }
            if (matches) {
                return item;
            }
        }
        return null;
    }

    private static boolean containsValue(JsonNode array, JsonNode value) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (sameValue(value, item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal JSON, with numbers compared by value ({@code 1} and {@code 1.0}) and a missing value
     * equal to nothing but a missing value.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return a.isMissingNode() && b.isMissingNode();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject() && a.size() == b.size()) {
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (!sameValue(e.getValue(), b.path(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String segment(String field) {
        return field.contains(".") || field.contains("/") ? "['" + field + "']" : "." + field;
    }

    private static String keyed(JsonNode itemKey) {
        StringBuilder sb = new StringBuilder("[");
        itemKey.fields()
                .forEachRemaining(
                        k -> {
                            if (sb.length() > 1) {
                                sb.append(',');
                            }
                            sb.append(k.getKey()).append('=').append(k.getValue().asText());
                        });
        return sb.append(']').toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String print(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() <= MAX_VALUE_LENGTH
                ? text
                : text.substring(0, MAX_VALUE_LENGTH - 3) + "...";
    }
}
