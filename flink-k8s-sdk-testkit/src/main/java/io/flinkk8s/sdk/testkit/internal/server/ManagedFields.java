package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.json.FieldPaths;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code metadata.managedFields} bookkeeping: who owns which field, read from and written back
 * to an object, and updated after a non-apply write (the writer takes the fields it changed). A
 * write through the {@code scale} subresource is recorded as the API server's ScaleHandler records
 * it: an Update entry of the writer with {@code subresource: scale} owning the parent's replicas
 * field, one entry apart from the writer's main-resource entries.
 */
public final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /**
     * One manager's entry; {@code fields} is mutable while a write is being computed. {@code
     * subresource} is null for the main resource.
     */
    static final class Entry {
        final String manager;
        final String operation;
        final String subresource;
        String apiVersion;
        String time;
        final Set<String> fields;

        Entry(
                String manager,
                String operation,
                String subresource,
                String apiVersion,
                String time,
                Set<String> fields) {
            this.manager = manager;
            this.operation = operation;
            this.subresource = subresource;
            this.apiVersion = apiVersion;
            this.time = time;
            this.fields = new LinkedHashSet<>(fields);
        }

        /** Whether this is {@code otherManager}'s entry for the operation on the main resource. */
        boolean is(String otherManager, String otherOperation) {
            return is(otherManager, otherOperation, null);
        }

        boolean is(String otherManager, String otherOperation, String otherSubresource) {
            return manager.equals(otherManager)
                    && operation.equals(otherOperation)
                    && Objects.equals(subresource, otherSubresource);
        }
    }

    private ManagedFields() {}

    /** The entries recorded on an object (none for a null object). */
    static List<Entry> read(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        if (object == null) {
            return entries;
        }
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            String subresource = e.path("subresource").asText("");
            entries.add(
                    new Entry(
                            e.path("manager").asText(),
                            e.path("operation").asText(UPDATE),
                            subresource.isEmpty() ? null : subresource,
                            e.path("apiVersion").asText(null),
                            e.path("time").asText(null),
                            FieldPaths.fromFieldsV1(e.path("fieldsV1"))));
        }
        return entries;
    }

    /** Writes entries into {@code metadata.managedFields}, dropping entries that own nothing. */
    static void write(ObjectNode object, List<Entry> entries) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries) {
            if (e.fields.isEmpty()) {
                continue;
            }
            ObjectNode node = array.addObject();
            node.put("manager", e.manager);
            node.put("operation", e.operation);
            if (e.apiVersion != null) {
                node.put("apiVersion", e.apiVersion);
            }
            if (e.time != null) {
                node.put("time", e.time);
            }
            if (e.subresource != null) {
                node.put("subresource", e.subresource);
            }
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", FieldPaths.toFieldsV1(e.fields));
        }
        ObjectNode metadata = object.with("metadata");
        if (array.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", array);
        }
    }

    /**
     * Records a non-apply write: the fields it added or changed now belong to {@code manager}
     * (operation Update, through {@code subresource}, null for the main resource) and no longer to
     * anyone else; fields it removed belong to no one.
     */
    static List<Entry> afterUpdate(
            JsonNode before,
            JsonNode after,
            String manager,
            String subresource,
            String apiVersion,
            String time) {
        List<Entry> entries = read(before);
        Set<String> old = before == null ? Set.of() : FieldPaths.fieldsOf(before);
        Set<String> now = FieldPaths.fieldsOf(after);
        Set<String> changed = new LinkedHashSet<>();
        for (String path : now) {
            if (!old.contains(path)
                    || !Json.sameValue(
                            FieldPaths.valueAt(before, path), FieldPaths.valueAt(after, path))) {
                changed.add(path);
            }
        }
        for (Entry e : entries) {
            e.fields.retainAll(now);
            e.fields.removeAll(changed);
        }
        if (!changed.isEmpty()) {
            Entry mine =
                    entries.stream()
                            .filter(e -> e.is(manager, UPDATE, subresource))
                            .findFirst()
                            .orElseGet(
                                    () -> {
                                        Entry created =
                                                new Entry(
                                                        manager,
                                                        UPDATE,
                                                        subresource,
                                                        apiVersion,
                                                        time,
                                                        Set.of());
                                        entries.add(created);
                                        return created;
                                    });
            mine.fields.addAll(changed);
            mine.time = time;
            mine.apiVersion = apiVersion;
        }
        return entries;
    }
}
