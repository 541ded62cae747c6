package io.flinkk8s.sdk.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field paths in the API server's {@code FieldsV1} vocabulary ({@code f:name}, {@code k:{..}},
 * {@code .}), and the list-aware merge that server-side apply and strategic merge patch share.
 *
 * <p>A path is its segments joined by a newline. Lists are associative (merged item by item) when
 * their items carry the merge key the Kubernetes schema declares for that field (see {@link
 * #keyFields}); every other list is atomic: owned and replaced as one value.
 */
public final class FieldPaths {

    /** Joins the segments of a field path. */
    public static final String SEP = "\n";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> BOOKKEEPING =
            Set.of(
                    "name",
                    "namespace",
                    "uid",
                    "resourceVersion",
                    "generation",
                    "creationTimestamp",
                    "managedFields",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds",
                    "selfLink",
                    "generateName");
    private static final Map<String, List<String>> MERGE_KEYS =
            Map.of(
                    "volumeMounts", List.of("mountPath"),
                    "volumeDevices", List.of("devicePath"),
                    "hostAliases", List.of("ip"),
                    "ownerReferences", List.of("uid"),
                    "conditions", List.of("type"));
    private static final Set<String> ATOMIC =
            Set.of(
                    "args",
                    "command",
                    "finalizers",
                    "tolerations",
                    "topologySpreadConstraints",
                    "accessModes");

    /** Key fields the API server defaults, and their default, when an item leaves them out. */
    private static final Map<String, JsonNode> DEFAULTED_KEYS =
            Map.of("protocol", NODES.textNode("TCP"));

    private FieldPaths() {}

    /** The leaf field paths a manifest sets, without status and server-owned metadata. */
    public static Set<String> fieldsOf(JsonNode object) {
        return fieldsOf(object, false);
    }

    /**
     * The leaf field paths a manifest sets, without server-owned metadata, and with its status when
     * {@code withStatus} (a write through the status subresource).
     */
    public static Set<String> fieldsOf(JsonNode object, boolean withStatus) {
        return fieldsOf(object, withStatus, null);
    }

    /**
     * As {@link #fieldsOf(JsonNode, boolean)}, with the object's list types from its schema (null:
     * the built-in table); the metadata always takes the table.
     */
    public static Set<String> fieldsOf(JsonNode object, boolean withStatus, ListTypes types) {
        Set<String> paths = new LinkedHashSet<>();
        object.fields()
                .forEachRemaining(
                        e -> {
                            String key = e.getKey();
                            if (key.equals("apiVersion")
                                    || key.equals("kind")
                                    || key.equals("status") && !withStatus) {
                                return;
                            }
                            if (key.equals("metadata")) {
                                ObjectNode meta = NODES.objectNode();
                                e.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                m -> {
                                                    if (!BOOKKEEPING.contains(m.getKey())) {
                                                        meta.set(m.getKey(), m.getValue());
                                                    }
                                                });
                                walk(meta, "f:metadata", paths, null);
                                return;
                            }
                            walkField(key, e.getValue(), "f:" + key, paths, field(types, key));
                        });
        return paths;
    }

    private static void walk(JsonNode object, String prefix, Set<String> out, ListTypes types) {
        object.fields()
                .forEachRemaining(
                        e ->
                                walkField(
                                        e.getKey(),
                                        e.getValue(),
                                        prefix + SEP + "f:" + e.getKey(),
                                        out,
                                        field(types, e.getKey())));
    }

    private static void walkField(
            String name, JsonNode value, String path, Set<String> out, ListTypes types) {
        if (value.isObject() && value.size() > 0) {
            walk(value, path, out, types);
            return;
        }
        if (value.isArray() && isSet(types, value)) {
            for (JsonNode item : value) {
                out.add(path + SEP + "v:" + Json.write(item));
            }
            return;
        }
        List<String> keys = value.isArray() ? keysOf(name, value, types) : null;
        if (keys == null) {
            out.add(path);
            return;
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (JsonNode item : value) {
            counts.merge(itemSegment(item, keys), 1, Integer::sum);
        }
        for (JsonNode item : value) {
            String segment = itemSegment(item, keys);
            String itemPath = path + SEP + segment;
            if (counts.get(segment) > 1) {
                // duplicated items are owned as one key, without their fields, as the API server
                // tracks them
                out.add(itemPath);
                continue;
            }
            out.add(itemPath + SEP + ".");
            walk(item, itemPath, out, items(types));
        }
    }

    /** The list types below {@code name}: null (the table) stays null. */
    private static ListTypes field(ListTypes types, String name) {
        return types == null ? null : types.field(name);
    }

    private static ListTypes items(ListTypes types) {
        if (types == null) {
            return null;
        }
        ListTypes items = types.items();
        return items == null ? ListTypes.ATOMIC : items;
    }

    /** A {@code set} list of scalars: owned and merged value by value. */
    private static boolean isSet(ListTypes types, JsonNode array) {
        if (types == null || !"set".equals(types.listType())) {
            return false;
        }
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The merge keys of a list: from the table without list types, else the {@code map} list's keys
     * when every item has them; null when the list is atomic.
     */
    private static List<String> keysOf(String name, JsonNode array, ListTypes types) {
        if (types == null) {
            return keyFields(name, array);
        }
        List<String> keys = types.listMapKeys();
        if (!"map".equals(types.listType()) || keys.isEmpty() || array.isEmpty()) {
            return null;
        }
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return null;
            }
            for (String k : keys) {
                if (!item.hasNonNull(k)) {
                    return null;
                }
            }
        }
        return keys;
    }

    /** The merge key fields of a list field, or null when the list is atomic. */
    public static List<String> keyFields(String fieldName, JsonNode array) {
        if (ATOMIC.contains(fieldName) || array.isEmpty()) {
            return null;
        }
        List<String> keys = MERGE_KEYS.get(fieldName);
        if (keys == null && fieldName.equals("ports")) {
            keys =
                    array.get(0).has("containerPort")
                            ? List.of("containerPort", "protocol")
                            : List.of("port", "protocol");
        }
        if (keys == null) {
            keys = List.of("name");
        }
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return null;
            }
            for (String k : keys) {
                if (!item.hasNonNull(k) && !DEFAULTED_KEYS.containsKey(k)) {
                    return null;
                }
            }
        }
        return keys;
    }

    private static String itemSegment(JsonNode item, List<String> keys) {
        ObjectNode key = NODES.objectNode();
        keys.stream().sorted().forEach(k -> key.set(k, keyValue(item, k)));
        return "k:" + key;
    }

    private static JsonNode keyValue(JsonNode item, String keyField) {
        JsonNode value = item.get(keyField);
        return value == null || value.isNull() ? DEFAULTED_KEYS.get(keyField) : value;
    }

    /** The value at a path, or a missing node. */
    public static JsonNode valueAt(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split(SEP)) {
            if (segment.equals(".")) {
                return node;
            }
            node = step(node, segment);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (segment.startsWith("f:")) {
            return node.isObject() ? node.path(segment.substring(2)) : MissingNode.getInstance();
        }
        if (segment.startsWith("k:") && node.isArray()) {
            int index = indexOf((ArrayNode) node, segment);
            return index < 0 ? MissingNode.getInstance() : node.get(index);
        }
        if (segment.startsWith("v:") && node.isArray()) {
            int index = indexOfValue((ArrayNode) node, segment);
            return index < 0 ? MissingNode.getInstance() : node.get(index);
        }
        return MissingNode.getInstance();
    }

    private static int indexOfValue(ArrayNode array, String valueSegment) {
        JsonNode value = Json.parse(valueSegment.substring(2));
        for (int i = 0; i < array.size(); i++) {
            if (Json.sameValue(array.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(ArrayNode array, String keySegment) {
        JsonNode key = Json.parse(keySegment.substring(2));
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            boolean all = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> k = it.next();
                if (!Json.sameValue(keyValue(item, k.getKey()), k.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Removes the field (or, for a path ending in {@code .}, the list item) and then empty parents.
     */
    public static void remove(ObjectNode root, String path) {
        String[] segments = path.split(SEP);
        int last = segments.length - 1;
        boolean item = segments[last].equals(".");
        int parentDepth = item ? last - 1 : last;
        List<JsonNode> chain = new ArrayList<>();
        JsonNode node = root;
        for (int i = 0; i < parentDepth; i++) {
            chain.add(node);
            node = step(node, segments[i]);
            if (node.isMissingNode()) {
                return;
            }
        }
        chain.add(node);
        removeChild(node, segments[parentDepth]);
        for (int i = chain.size() - 1; i > 0; i--) {
            JsonNode child = chain.get(i);
            if (child.size() > 0) {
                break;
            }
            removeChild(chain.get(i - 1), segments[i - 1]);
        }
    }

    private static void removeChild(JsonNode parent, String segment) {
        if (segment.startsWith("f:") && parent.isObject()) {
            ((ObjectNode) parent).remove(segment.substring(2));
        } else if (segment.startsWith("k:") && parent.isArray()) {
            int index = indexOf((ArrayNode) parent, segment);
            if (index >= 0) {
                ((ArrayNode) parent).remove(index);
            }
        } else if (segment.startsWith("v:") && parent.isArray()) {
            int index = indexOfValue((ArrayNode) parent, segment);
            if (index >= 0) {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /**
     * Merges {@code patch} into {@code target} as apply and strategic merge do: objects recurse,
     * associative lists merge item by key, everything else (scalars, atomic lists) is replaced.
     *
     * @param nullDeletes whether a null in the patch deletes the field (strategic merge) or is
     *     stored (apply treats an explicit null as a value)
     */
    public static void merge(ObjectNode target, JsonNode patch, boolean nullDeletes) {
        merge(target, patch, nullDeletes, null, false);
    }

    /**
     * As {@link #merge(ObjectNode, JsonNode, boolean)} of a whole object, with its list types from
     * its schema (null: the built-in table); the metadata always takes the table.
     */
    public static void merge(
            ObjectNode target, JsonNode patch, boolean nullDeletes, ListTypes types) {
        merge(target, patch, nullDeletes, types, true);
    }

    private static void merge(
            ObjectNode target, JsonNode patch, boolean nullDeletes, ListTypes types, boolean root) {
        patch.fields()
                .forEachRemaining(
                        e -> {
                            String key = e.getKey();
                            JsonNode value = e.getValue();
                            JsonNode current = target.get(key);
                            ListTypes below =
                                    root && key.equals("metadata") ? null : field(types, key);
                            if (value.isNull() && nullDeletes) {
                                target.remove(key);
                            } else if (value.isObject() && current != null && current.isObject()) {
                                merge((ObjectNode) current, value, nullDeletes, below, false);
                            } else if (value.isArray() && current != null && current.isArray()) {
                                target.set(
                                        key,
                                        mergeList(
                                                key,
                                                (ArrayNode) current,
                                                (ArrayNode) value,
                                                nullDeletes,
                                                below));
                            } else {
                                target.set(key, value.deepCopy());
                            }
                        });
    }

    private static JsonNode mergeList(
            String field,
            ArrayNode current,
            ArrayNode patch,
            boolean nullDeletes,
            ListTypes types) {
        if (isSet(types, patch) && isSet(types, current)) {
            ArrayNode union = current.deepCopy();
            for (JsonNode item : patch) {
                if (indexOfValue(union, "v:" + Json.write(item)) < 0) {
                    union.add(item.deepCopy());
                }
            }
            return union;
        }
        List<String> keys = keysOf(field, patch, types);
        if (keys == null || keysOf(field, current, types) == null && !current.isEmpty()) {
            return patch.deepCopy();
        }
        ArrayNode result = current.deepCopy();
        for (JsonNode item : patch) {
            String segment = itemSegment(item, keys);
            int index = indexOf(result, segment);
            if (index < 0) {
                result.add(item.deepCopy());
                continue;
            }
            boolean duplicated = false;
            for (int i = result.size() - 1; i > index; i--) {
                if (itemSegment(result.get(i), keys).equals(segment)) {
                    result.remove(i);
                    duplicated = true;
                }
            }
            if (duplicated) {
                // naming a duplicated key replaces all its items with the one named
                result.set(index, item.deepCopy());
            } else {
                merge((ObjectNode) result.get(index), item, nullDeletes, items(types), false);
            }
        }
        return result;
    }

    /** Builds the {@code fieldsV1} tree of a path set. */
    public static ObjectNode toFieldsV1(Set<String> paths) {
        ObjectNode root = NODES.objectNode();
        for (String path : paths) {
            ObjectNode node = root;
            for (String segment : path.split(SEP)) {
                JsonNode child = node.get(segment);
                if (child == null) {
                    child = NODES.objectNode();
                    node.set(segment, child);
                }
                node = (ObjectNode) child;
            }
        }
        return root;
    }

    /** Reads a {@code fieldsV1} tree back into leaf paths. */
    public static Set<String> fromFieldsV1(JsonNode tree) {
        Set<String> paths = new LinkedHashSet<>();
        collect(tree, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        node.fields()
                .forEachRemaining(
                        e -> {
                            String path = prefix.isEmpty() ? e.getKey() : prefix + SEP + e.getKey();
                            if (e.getValue().size() == 0) {
                                out.add(path);
                            } else {
                                collect(e.getValue(), path, out);
                            }
                        });
    }

    /**
     * A path in the dotted form the API server prints in conflict messages ({@code
     * .spec.replicas}).
     */
    public static String display(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split(SEP)) {
            if (segment.startsWith("f:")) {
                sb.append('.').append(segment.substring(2));
            } else if (segment.startsWith("k:")) {
                sb.append('[').append(segment.substring(2)).append(']');
            } else if (segment.startsWith("v:")) {
                sb.append('[').append(segment.substring(2)).append(']');
            }
        }
        return sb.toString();
    }
}
