package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.FieldPaths;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.json.ListTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Server-side apply of one applied configuration onto the live object, with field ownership:
 * conflicts (a 409 whose {@code details.causes} name each field and its manager), forced takeover,
 * removal of fields the manager stopped applying (unless another manager owns them), and the new
 * {@code managedFields}. An apply through a subresource is its own entry and owns only what that
 * subresource may change ({@code status}: the status and metadata; the main resource: everything
 * but the status). kubectl's first server-side apply of an object it created by client-side apply
 * takes over the fields its {@code last-applied-configuration} still holds, as the API server's
 * upgrade path does. Pure: it computes the object to store; the dispatcher stores it.
 */
public final class ServerSideApply {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final String KUBECTL = "kubectl";

    private ServerSideApply() {}

    /** One conflicting field: its path and the manager that owns it. */
    private record Conflict(String path, ManagedFields.Entry owner) {}

    /**
     * Computes the object after {@code manager} applies {@code config}.
     *
     * @param live the stored object, or null when the apply creates it
     * @param config the applied configuration
     * @param subresource null for the main resource, else {@code status} or {@code scale} (whose
     *     configuration the caller turned into the parent's shape)
     * @param types the list types of a custom resource's schema, or null for the built-in table
     * @throws ApiError a 409 listing every conflicting field when another manager owns a field with
     *     a different value and {@code force} is off
     */
    static ObjectNode apply(
            JsonNode live,
            ObjectNode config,
            String manager,
            boolean force,
            String time,
            String subresource,
            ListTypes types) {
        ObjectNode applied = resetFields(config, subresource);
        String apiVersion = applied.path("apiVersion").asText();
        Set<String> fields = FieldPaths.fieldsOf(applied, "status".equals(subresource), types);
        List<ManagedFields.Entry> entries = ManagedFields.read(live);
        ObjectNode result;
        if (live == null) {
            result = applied;
        } else {
            List<Conflict> conflicts =
                    conflicts(live, applied, fields, entries, manager, subresource);
            if (!conflicts.isEmpty()
                    && !force
                    && !upgradesClientSideApply(live, manager, conflicts)) {
                throw conflictError(conflicts);
            }
            for (Conflict c : conflicts) {
                c.owner().fields.remove(c.path());
            }
            result = ((ObjectNode) live).deepCopy();
            removeAbandoned(result, fields, entries, manager, subresource);
            applyMetadataAndBody(result, applied, types);
            if (KUBECTL.equals(manager) && hasLastApplied(live)) {
                ObjectNode lastApplied = config.deepCopy();
                JsonNode annotations = lastApplied.path("metadata").path("annotations");
                if (annotations instanceof ObjectNode a) {
                    a.remove(LAST_APPLIED);
                }
                result.with("metadata")
                        .with("annotations")
                        .put(LAST_APPLIED, Json.write(lastApplied));
            }
        }
        record(
                entries,
                manager,
                subresource,
                apiVersion,
                time,
                fields,
                live != null && sameAsLive(live, result));
        ManagedFields.write(result, entries);
        return result;
    }

    /** The applied configuration without what the endpoint resets. */
    private static ObjectNode resetFields(ObjectNode config, String subresource) {
        ObjectNode applied = config.deepCopy();
        if (subresource == null) {
            applied.remove("status");
        } else if (subresource.equals("status")) {
            applied.retain("apiVersion", "kind", "metadata", "status");
        }
        return applied;
    }

    private static List<Conflict> conflicts(
            JsonNode live,
            ObjectNode applied,
            Set<String> fields,
            List<ManagedFields.Entry> entries,
            String manager,
            String subresource) {
        List<Conflict> conflicts = new ArrayList<>();
        for (ManagedFields.Entry other : entries) {
            if (other.is(manager, ManagedFields.APPLY, subresource)) {
                continue;
            }
            for (String path : fields) {
                if (path.endsWith(FieldPaths.SEP + ".") || !other.fields.contains(path)) {
                    continue;
                }
                JsonNode current = FieldPaths.valueAt(live, path);
                if (!current.isMissingNode()
                        && !Json.sameValue(current, FieldPaths.valueAt(applied, path))) {
                    conflicts.add(new Conflict(path, other));
                }
            }
        }
        return conflicts;
    }

    private static ApiError conflictError(List<Conflict> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        java.util.Map<String, List<String>> byManager = new java.util.TreeMap<>();
        for (Conflict c : conflicts) {
            String who = describe(c.owner());
            String field = FieldPaths.display(c.path());
            causes.add(ApiError.cause("FieldManagerConflict", field, "conflict with " + who));
            byManager.computeIfAbsent(who, k -> new ArrayList<>()).add("- " + field);
        }
        String message;
        if (conflicts.size() == 1) {
            message =
                    "Apply failed with 1 conflict: "
                            + causes.get(0).getMessage()
                            + ": "
                            + causes.get(0).getField();
        } else {
            List<String> lines = new ArrayList<>();
            byManager.forEach(
                    (who, paths) -> {
                        lines.add("conflicts with " + who + ":");
                        lines.addAll(paths);
                    });
            message =
                    "Apply failed with "
                            + conflicts.size()
                            + " conflicts: "
                            + String.join("\n", lines);
        }
        StatusDetails details = new StatusDetails();
        details.setCauses(causes);
        return new ApiError(409, "Conflict", message, details);
    }

    /** How the API server names a conflicting manager: {@code "name" [with subresource ...]}. */
    private static String describe(ManagedFields.Entry owner) {
        return "\""
                + owner.manager
                + "\""
                + (owner.subresource == null
                        ? ""
                        : " with subresource \"" + owner.subresource + "\"")
                + (owner.operation.equals(ManagedFields.UPDATE) && owner.apiVersion != null
                        ? " using " + owner.apiVersion
                        : "");
    }

    private static boolean hasLastApplied(JsonNode live) {
        return !live.path("metadata").path("annotations").path(LAST_APPLIED).asText("").isEmpty();
    }

    /**
     * Whether kubectl's apply may take over every conflicting field because it is the field
     * kubectl's client-side apply last applied, with the value the object still has.
     */
    private static boolean upgradesClientSideApply(
            JsonNode live, String manager, List<Conflict> conflicts) {
        if (!KUBECTL.equals(manager) || !hasLastApplied(live)) {
            return false;
        }
        JsonNode lastApplied;
        try {
            lastApplied =
                    Json.parse(
                            live.path("metadata").path("annotations").path(LAST_APPLIED).asText());
        } catch (RuntimeException e) {
            return false;
        }
        if (!lastApplied.isObject()) {
            return false;
        }
        Set<String> allowed = new TreeSet<>();
        for (String path : FieldPaths.fieldsOf(lastApplied)) {
            JsonNode was = FieldPaths.valueAt(lastApplied, path);
            JsonNode is = FieldPaths.valueAt(live, path);
            if (!is.isMissingNode() && Json.sameValue(was, is)) {
                allowed.add(path);
            }
        }
        return conflicts.stream().allMatch(c -> allowed.contains(c.path()));
    }

    private static void removeAbandoned(
            ObjectNode result,
            Set<String> fields,
            List<ManagedFields.Entry> entries,
            String manager,
            String subresource) {
        Set<String> ownedByOthers = new TreeSet<>();
        Set<String> previous = Set.of();
        for (ManagedFields.Entry e : entries) {
            if (e.is(manager, ManagedFields.APPLY, subresource)) {
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

    private static void applyMetadataAndBody(
            ObjectNode result, ObjectNode applied, ListTypes types) {
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
        FieldPaths.merge(result, body, false, types);
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
            String subresource,
            String apiVersion,
            String time,
            Set<String> fields,
            boolean unchanged) {
        ManagedFields.Entry mine =
                entries.stream()
                        .filter(e -> e.is(manager, ManagedFields.APPLY, subresource))
                        .findFirst()
                        .orElse(null);
        if (mine != null && unchanged && mine.fields.equals(fields)) {
            return;
        }
        if (mine == null) {
            mine =
                    new ManagedFields.Entry(
                            manager, ManagedFields.APPLY, subresource, apiVersion, time, fields);
            entries.add(mine);
        } else {
            mine.fields.clear();
            mine.fields.addAll(fields);
            mine.time = time;
            mine.apiVersion = apiVersion;
        }
    }
}
