package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.FieldPaths;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Server-side apply of one applied configuration onto the live object, with field ownership:
 * conflicts, forced takeover, removal of fields the manager stopped applying, and the new {@code
 * managedFields}. Pure: it computes the object to store; the dispatcher stores it.
 */
public final class ServerSideApply {

    private ServerSideApply() {}

    /**
     * Computes the object after {@code manager} applies {@code config}.
     *
     * @param live the stored object, or null when the apply creates it
     * @param config the applied configuration (its status is ignored)
     * @throws ApiError a 409 listing every conflicting field when another manager owns a field with
     *     a different value and {@code force} is off
     */
    static ObjectNode apply(
            JsonNode live, ObjectNode config, String manager, boolean force, String time) {
        ObjectNode applied = config.deepCopy();
        applied.remove("status");
        String apiVersion = applied.path("apiVersion").asText();
        Set<String> fields = FieldPaths.fieldsOf(applied);
        List<ManagedFields.Entry> entries = ManagedFields.read(live);
        ObjectNode result;
        if (live == null) {
            result = applied;
        } else {
            resolveConflicts(live, applied, fields, entries, manager, force);
            result = ((ObjectNode) live).deepCopy();
            removeAbandoned(result, fields, entries, manager);
            applyMetadataAndBody(result, applied);
        }
        record(
                entries,
                manager,
                apiVersion,
                time,
                fields,
                live != null && sameAsLive(live, result));
        ManagedFields.write(result, entries);
        return result;
    }

    private static void resolveConflicts(
            JsonNode live,
            ObjectNode applied,
            Set<String> fields,
            List<ManagedFields.Entry> entries,
            String manager,
            boolean force) {
        List<String> conflicts = new ArrayList<>();
        for (ManagedFields.Entry other : entries) {
            if (other.manager.equals(manager)) {
                continue;
            }
            Set<String> lost = new LinkedHashSet<>();
            for (String path : fields) {
                if (path.endsWith(FieldPaths.SEP + ".") || !other.fields.contains(path)) {
                    continue;
                }
                JsonNode current = FieldPaths.valueAt(live, path);
                if (!current.isMissingNode()
                        && !Json.sameValue(current, FieldPaths.valueAt(applied, path))) {
                    lost.add(path);
                    conflicts.add(
                            "conflict with \""
                                    + other.manager
                                    + "\""
                                    + (other.subresource == null
                                            ? ""
                                            : " with subresource \"" + other.subresource + "\"")
                                    + (other.operation.equals(ManagedFields.UPDATE)
                                            ? " using " + other.apiVersion
                                            : "")
                                    + ": "
                                    + FieldPaths.display(path));
                }
            }
            if (force) {
                other.fields.removeAll(lost);
            }
        }
        if (!conflicts.isEmpty() && !force) {
            String kind = applied.path("kind").asText();
            String name = applied.path("metadata").path("name").asText();
            throw ApiError.conflict(
                    "Apply failed with "
                            + conflicts.size()
                            + " conflict"
                            + (conflicts.size() == 1 ? "" : "s")
                            + ": "
                            + String.join("; ", conflicts)
                            + " ("
                            + kind
                            + " \""
                            + name
                            + "\")");
        }
    }

    private static void removeAbandoned(
            ObjectNode result,
            Set<String> fields,
            List<ManagedFields.Entry> entries,
            String manager) {
        Set<String> ownedByOthers = new TreeSet<>();
        Set<String> previous = Set.of();
        for (ManagedFields.Entry e : entries) {
            if (e.is(manager, ManagedFields.APPLY)) {
                previous = e.fields;
            } else {
                ownedByOthers.addAll(e.fields);
            }
        }
        for (String path : previous) {
            if (!fields.contains(path) && !ownedByOthers.contains(path)) {
                FieldPaths.remove(result, path);
            }
        }
    }

    private static void applyMetadataAndBody(ObjectNode result, ObjectNode applied) {
        ObjectNode body = applied.deepCopy();
        JsonNode rv = body.path("metadata").path("resourceVersion");
        if (body.has("metadata")) {
            ((ObjectNode) body.get("metadata"))
                    .remove(
                            List.of(
                                    "uid",
                                    "creationTimestamp",
                                    "generation",
                                    "managedFields",
                                    "resourceVersion"));
        }
        ObjectNode resultMeta = result.with("metadata");
        if (rv.isMissingNode() || rv.isNull()) {
            resultMeta.remove("resourceVersion");
        } else {
            resultMeta.set("resourceVersion", rv);
        }
        FieldPaths.merge(result, body, false);
    }

    private static boolean sameAsLive(JsonNode live, ObjectNode result) {
        ObjectNode a = ((ObjectNode) live).deepCopy();
        ObjectNode b = result.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            o.with("metadata").remove(List.of("managedFields", "resourceVersion"));
        }
        return a.equals(b);
    }

    private static void record(
            List<ManagedFields.Entry> entries,
            String manager,
            String apiVersion,
            String time,
            Set<String> fields,
            boolean unchanged) {
        ManagedFields.Entry mine =
                entries.stream()
                        .filter(e -> e.is(manager, ManagedFields.APPLY))
                        .findFirst()
                        .orElse(null);
        if (mine != null && unchanged && mine.fields.equals(fields)) {
            return;
        }
        if (mine == null) {
            mine =
                    new ManagedFields.Entry(
                            manager, ManagedFields.APPLY, null, apiVersion, time, fields);
            entries.add(0, mine);
        } else {
            mine.fields.clear();
            mine.fields.addAll(fields);
            mine.time = time;
            mine.apiVersion = apiVersion;
        }
    }
}
