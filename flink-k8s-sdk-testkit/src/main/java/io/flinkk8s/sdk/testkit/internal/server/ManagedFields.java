package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.json.FieldPaths;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.json.ListTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code metadata.managedFields} bookkeeping, as the API server's field manager keeps it: who
 * owns which field, read from and written back to an object (Apply entries first, then by time,
 * manager and subresource; Update entries capped at {@value #MAX_UPDATE_ENTRIES}, the oldest merged
 * into an {@code ancient-changes} entry), and updated after a non-apply write (the writer takes the
 * fields it changed). A write through a subresource is its own entry ({@code subresource: status}
 * or {@code scale}). managedFields a client writes are honoured: {@code []} or {@code [{}]} stop
 * tracking, other valid entries replace the stored ones (renaming or dropping managers).
 */
public final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";
    static final int MAX_UPDATE_ENTRIES = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private static final Comparator<Entry> ORDER =
            Comparator.comparing((Entry e) -> e.operation)
                    .thenComparing(e -> e.time == null ? "" : e.time)
                    .thenComparing(e -> e.manager)
                    .thenComparing(e -> e.subresource == null ? "" : e.subresource);

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

        /**
         * What identifies an entry, as the API server keys them: manager, operation and
         * subresource, and the apiVersion of an Update.
         */
        String key() {
            return manager
                    + '\0'
                    + operation
                    + '\0'
                    + (subresource == null ? "" : subresource)
                    + '\0'
                    + (operation.equals(APPLY) || apiVersion == null ? "" : apiVersion);
        }
    }

    private ManagedFields() {}

    /** The entries recorded on an object (none for a null object). */
    static List<Entry> read(JsonNode object) {
        List<Entry> entries = object == null ? null : decode(object.path("metadata"));
        return entries == null ? new ArrayList<>() : entries;
    }

    /**
     * The entries of a {@code managedFields} list, or null when one of them cannot be read (no
     * manager or operation, a {@code fieldsType} other than {@code FieldsV1}). Entries with the
     * same key: the last one counts.
     */
    private static List<Entry> decode(JsonNode metadata) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (JsonNode e : metadata.path("managedFields")) {
            String manager = e.path("manager").asText("");
            String operation = e.path("operation").asText("");
            String fieldsType = e.path("fieldsType").asText("FieldsV1");
            if ((!operation.equals(APPLY) && !operation.equals(UPDATE))
                    || !fieldsType.equals("FieldsV1")) {
                return null;
            }
            String subresource = e.path("subresource").asText("");
            Entry entry =
                    new Entry(
                            manager,
                            operation,
                            subresource.isEmpty() ? null : subresource,
                            e.path("apiVersion").asText(null),
                            e.path("time").asText(null),
                            FieldPaths.fromFieldsV1(e.path("fieldsV1")));
            byKey.remove(entry.key());
            byKey.put(entry.key(), entry);
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Whether a written {@code managedFields} asks to stop tracking: an empty list, or a list of
     * one empty entry.
     */
    static boolean isReset(JsonNode managedFields) {
        if (managedFields == null || !managedFields.isArray()) {
            return false;
        }
        return managedFields.isEmpty()
                || managedFields.size() == 1
                        && managedFields.get(0).isObject()
                        && managedFields.get(0).isEmpty();
    }

    /**
     * Writes entries into {@code metadata.managedFields} in the API server's order, dropping
     * entries that own nothing and merging the oldest Update entries beyond the cap.
     */
    static void write(ObjectNode object, List<Entry> entries) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.fields.isEmpty()) {
                kept.add(e);
            }
        }
        capUpdates(kept);
        kept.sort(ORDER);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Entry e : kept) {
            ObjectNode node = array.addObject();
            node.put("manager", e.manager);
            node.put("operation", e.operation);
            if (e.apiVersion != null) {
                node.put("apiVersion", e.apiVersion);
            }
            if (e.time != null) {
                node.put("time", e.time);
            }
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", FieldPaths.toFieldsV1(e.fields));
            if (e.subresource != null) {
                node.put("subresource", e.subresource);
            }
        }
        ObjectNode metadata = object.with("metadata");
        if (array.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", array);
        }
    }

    /**
     * Merges the oldest Update entries into an {@code ancient-changes} entry per apiVersion until
     * no more than {@value #MAX_UPDATE_ENTRIES} Update entries are left, as the API server does.
     */
    private static void capUpdates(List<Entry> entries) {
        List<Entry> updates = new ArrayList<>();
        for (Entry e : entries) {
            if (e.operation.equals(UPDATE)) {
                updates.add(e);
            }
        }
        if (updates.size() <= MAX_UPDATE_ENTRIES) {
            return;
        }
        updates.sort(
                Comparator.comparing((Entry e) -> e.time == null ? "" : e.time)
                        .thenComparing(Entry::key));
        int count = updates.size();
        for (Entry oldest : updates) {
            if (count <= MAX_UPDATE_ENTRIES) {
                break;
            }
            if (oldest.manager.equals(ANCIENT_CHANGES)) {
                continue;
            }
            Entry bucket =
                    entries.stream()
                            .filter(
                                    e ->
                                            e.is(ANCIENT_CHANGES, UPDATE)
                                                    && Objects.equals(
                                                            e.apiVersion, oldest.apiVersion))
                            .findFirst()
                            .orElse(null);
            entries.remove(oldest);
            if (bucket == null) {
                entries.add(
                        new Entry(
                                ANCIENT_CHANGES,
                                UPDATE,
                                null,
                                oldest.apiVersion,
                                oldest.time,
                                oldest.fields));
            } else {
                bucket.fields.addAll(oldest.fields);
                if (oldest.time != null
                        && (bucket.time == null || bucket.time.compareTo(oldest.time) < 0)) {
                    bucket.time = oldest.time;
                }
                count--;
            }
        }
    }

    /**
     * Records a non-apply write: the fields it added or changed now belong to {@code manager}
     * (operation Update, through {@code subresource}, null for the main resource) and no longer to
     * anyone else; fields it removed belong to no one. On the main resource, managedFields the
     * writer sent ({@code honourWritten}) count: a reset stops tracking, valid entries replace the
     * stored ones. An existing object tracked by no one stays untracked. {@code types} are the list
     * types of a custom resource's schema (null: the built-in table).
     */
    static List<Entry> afterUpdate(
            JsonNode before,
            JsonNode after,
            String manager,
            String subresource,
            String apiVersion,
            String time,
            boolean honourWritten,
            ListTypes types) {
        List<Entry> provided = null;
        if (honourWritten && subresource == null) {
            JsonNode written = after.path("metadata").get("managedFields");
            if (isReset(written)) {
                return new ArrayList<>();
            }
            if (written != null && written.isArray() && !written.isEmpty()) {
                provided = decode(after.path("metadata"));
            }
        }
        List<Entry> entries = provided == null || provided.isEmpty() ? read(before) : provided;
        if (before != null && entries.isEmpty()) {
            return entries;
        }
        boolean withStatus = "status".equals(subresource);
        Set<String> old =
                before == null ? Set.of() : FieldPaths.fieldsOf(before, withStatus, types);
        Set<String> now = FieldPaths.fieldsOf(after, withStatus, types);
        Set<String> changed = new LinkedHashSet<>();
        for (String path : now) {
            if (!old.contains(path)
                    || !Json.sameValue(
                            FieldPaths.valueAt(before, path), FieldPaths.valueAt(after, path))) {
                changed.add(path);
            }
        }
        for (Entry e : entries) {
            if (withStatus || e.fields.stream().noneMatch(f -> f.startsWith("f:status"))) {
                e.fields.retainAll(now);
            } else {
                e.fields.removeIf(f -> !f.startsWith("f:status") && !now.contains(f));
            }
            e.fields.removeAll(changed);
        }
        if (!changed.isEmpty()) {
            Entry mine =
                    entries.stream()
                            .filter(
                                    e ->
                                            e.is(manager, UPDATE, subresource)
                                                    && Objects.equals(e.apiVersion, apiVersion))
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
        }
        return entries;
    }
}
