package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Delete and delete-collection with the propagation policy of the request's {@code DeleteOptions}:
 * Foreground and Orphan leave the object with a finalizer for the garbage collector; Background
 * (the default) deletes at once and leaves the dependents to the garbage collector.
 */
public final class Deletion {

    /** The finalizer that keeps an owner until its dependents are gone. */
    static final String FOREGROUND = "foregroundDeletion";

    /** The finalizer that keeps an owner until its dependents no longer point at it. */
    static final String ORPHAN = "orphan";

    private Deletion() {}

    static MockResponse delete(InMemoryApiDispatcher d, RequestPath path, String body) {
        JsonNode current = d.reads().stored(path);
        if (current == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        String finalizer = finalizerFor(policy(path, body));
        boolean marked = current.path("metadata").has("deletionTimestamp");
        if (finalizer != null && !marked) {
            ObjectNode withFinalizer = ((ObjectNode) current).deepCopy();
            ArrayNode finalizers = withFinalizer.with("metadata").withArray("finalizers");
            boolean present = false;
            for (JsonNode f : finalizers) {
                present |= f.asText().equals(finalizer);
            }
            if (!present) {
                finalizers.add(finalizer);
            }
            d.baseUpdate(path.objectPath(path.name()), withFinalizer);
        }
        return removeOrMark(d, path.objectPath(path.name()));
    }

    /**
     * The base dispatcher's DELETE of an object path, finding the objects it matches through the
     * store's index instead of a scan: each goes when it has no finalizers and is marked for
     * deletion (a wall-clock {@code deletionTimestamp}, a new resource version) when it has some
     * and is not marked yet. Answers 200 with the first as it was stored, or 404.
     */
    private static MockResponse removeOrMark(InMemoryApiDispatcher d, String objectPath) {
        AttributeSet query = d.getKey(objectPath);
        List<Map.Entry<AttributeSet, String>> found =
                d.index().matching(d.storage(), query, Integer.MAX_VALUE);
        if (found.isEmpty()) {
            return new MockResponse().setResponseCode(404);
        }
        for (Map.Entry<AttributeSet, String> entry : found) {
            JsonNode metadata = d.treeOf(entry.getValue()).path("metadata");
            if (metadata.path("finalizers").isEmpty()) {
                d.processEvent(objectPath, query, entry.getKey(), null, null);
            } else if (!metadata.hasNonNull("deletionTimestamp")) {
                // as a model object, so the stored JSON is written as the base dispatcher wrote it
                GenericKubernetesResource marked =
                        Serialization.unmarshal(entry.getValue(), GenericKubernetesResource.class);
                marked.getMetadata().setDeletionTimestamp(TreeStore.wallClockNow());
                marked.getMetadata().setResourceVersion(String.valueOf(d.requestResourceVersion()));
                d.processEvent(
                        objectPath, query, entry.getKey(), marked, Serialization.asJson(marked));
            }
        }
        return new MockResponse().setResponseCode(200).setBody(found.get(0).getValue());
    }

    static MockResponse deleteCollection(InMemoryApiDispatcher d, RequestPath path, String body) {
        ObjectNode list = Json.tree(Map.of("apiVersion", "v1", "kind", "List"));
        ArrayNode items = list.putArray("items");
        for (JsonNode item : d.reads().listObjects(path)) {
            JsonNode metadata = item.path("metadata");
            RequestPath one =
                    path.forObject(
                            metadata.path("namespace").asText(null),
                            metadata.path("name").asText());
            delete(d, one, body);
            items.add(item);
        }
        return InMemoryApiDispatcher.ok(list);
    }

    private static String policy(RequestPath path, String body) {
        String fromQuery = path.param("propagationPolicy");
        if (fromQuery != null) {
            return fromQuery;
        }
        if (body == null || body.isBlank()) {
            return "Background";
        }
        JsonNode options = Json.parse(body);
        if (options.hasNonNull("propagationPolicy")) {
            return options.get("propagationPolicy").asText();
        }
        return options.path("orphanDependents").asBoolean(false) ? "Orphan" : "Background";
    }

    private static String finalizerFor(String policy) {
        return switch (policy) {
            case "Foreground" -> FOREGROUND;
            case "Orphan" -> ORPHAN;
            default -> null;
        };
    }
}
