package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Stores creates and replacements as fabric8's CRUD handlers do (their POST and PUT: validation,
 * server-set metadata, resource versions, the status subresource, removal of a replaced object
 * marked for deletion without finalizers), working on the request's JSON tree. fabric8's handlers
 * read every body into a {@code GenericKubernetesResource} and write it out again through their own
 * object mapper, which made writes the costliest part of a JVM's first cluster.
 */
public final class TreeStore {

    private final InMemoryApiDispatcher dispatcher;

    TreeStore(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Stores a new object from a POST to {@code collectionPath}; answers 201 with it. */
    MockResponse create(String collectionPath, ObjectNode object) {
        validate(object);
        ObjectNode metadata = object.with("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            name = metadata.path("generateName").asText() + UUID.randomUUID();
            metadata.put("name", name);
        }
        AttributeSet key = dispatcher.getKey(collectionPath).add(new Attribute("name", name));
        if (dispatcher.findResource(key) != null) {
            throw ApiError.conflict(
                    object.path("kind").asText() + " '" + name + "' already exists");
        }
        metadata.remove("deletionTimestamp");
        String namespace = RequestPath.parse(collectionPath).namespace();
        String given = metadata.path("namespace").asText("");
        if (!given.isEmpty() && !given.equals(namespace)) {
            throw ApiError.badRequest(
                    "the namespace of the object ("
                            + given
                            + ") does not match the namespace on the URL ("
                            + namespace
                            + ")");
        }
        if (namespace == null) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", wallClockNow());
        metadata.put("resourceVersion", String.valueOf(dispatcher.requestResourceVersion()));
        RequestPath parsed = RequestPath.parse(collectionPath);
        if (parsed.isResource() && !ObjectRules.tracksGeneration(parsed)) {
            metadata.remove("generation");
        } else {
            metadata.put("generation", 1);
        }
        if (dispatcher.isStatusSubresourceEnabledForResource(collectionPath)) {
            object.remove("status");
        }
        String json = Json.write(object);
        ObjectRules.checkStoredSize(json);
        dispatcher.processEvent(collectionPath, key, null, null, json);
        return new MockResponse().setResponseCode(201).setBody(json);
    }

    /**
     * Replaces the stored object at {@code path} (an object path, or its {@code /status}) from a
     * PUT body; answers 200 with what was stored, or 404.
     */
    MockResponse replace(String path, JsonNode body) {
        return replace(path, body, false);
    }

    /**
     * Replaces the stored object at {@code objectPath} (main resource) with {@code body} as it is,
     * its status included: a subresource write the caller computed whole.
     */
    MockResponse replaceWhole(String objectPath, JsonNode body) {
        return replace(objectPath, body, true);
    }

    private MockResponse replace(String path, JsonNode body, boolean whole) {
        validate(body);
        boolean statusPath = path.endsWith("/status");
        AttributeSet key = dispatcher.getKey(path);
        Map.Entry<AttributeSet, String> entry = dispatcher.findResource(key);
        if (entry == null) {
            return new MockResponse().setResponseCode(404);
        }
        JsonNode bodyMetadata = body.path("metadata");
        if (bodyMetadata.hasNonNull("deletionTimestamp")
                && bodyMetadata.path("finalizers").isEmpty()) {
            // marked for deletion with no finalizer left: the object goes
            dispatcher.processEvent(path, key, entry.getKey(), null, null);
            return new MockResponse().setResponseCode(200);
        }
        JsonNode current = dispatcher.treeOf(entry.getValue());
        ObjectNode updated;
        if (statusPath) {
            updated = current.deepCopy();
            setStatus(updated, body.get("status"));
        } else {
            updated = ((ObjectNode) body).deepCopy();
            if (!whole && dispatcher.isStatusSubresourceEnabledForResource(path)) {
                setStatus(updated, current.get("status"));
            }
        }
        requireMatchingPath(key, updated);
        requireCurrentVersion(current, updated);
        preserveMetadata(current, updated);
        if (!statusPath) {
            dispatcher.touchGeneration(current, updated);
        }
        if (!current.equals(updated)) {
            updated.with("metadata")
                    .put("resourceVersion", String.valueOf(dispatcher.requestResourceVersion()));
        }
        String json = Json.write(updated);
        ObjectRules.checkStoredSize(json);
        dispatcher.processEvent(path, key, entry.getKey(), null, json);
        return new MockResponse().setResponseCode(200).setBody(json);
    }

    /** What fabric8's handlers require of a body: a kind, an apiVersion and a name. */
    private static void validate(JsonNode object) {
        if (!object.isObject()) {
            throw ApiError.badRequest("No resource or invalid resource provided");
        }
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw ApiError.invalid("Invalid: kind is required");
        }
        if (object.path("apiVersion").asText("").isEmpty()) {
            throw ApiError.invalid(kind + " is invalid: apiVersion is required");
        }
        JsonNode metadata = object.path("metadata");
        if (metadata.path("name").asText("").isEmpty()
                && metadata.path("generateName").asText("").isEmpty()) {
            throw ApiError.invalid(kind + " is invalid: name or generateName is required");
        }
    }

    /** The body's name and namespace, when it gives them, must be the path's. */
    private static void requireMatchingPath(AttributeSet key, JsonNode updated) {
        JsonNode metadata = updated.path("metadata");
        String name = metadata.path("name").asText("");
        String pathName = value(key, "name");
        if (!name.isEmpty() && pathName != null && !name.equals(pathName)) {
            throw ApiError.badRequest(
                    "the name of the object ("
                            + name
                            + ") does not match the name on the URL ("
                            + pathName
                            + ")");
        }
        String namespace = metadata.path("namespace").asText("");
        String pathNamespace = value(key, "namespace");
        if (!namespace.isEmpty() && pathNamespace != null && !namespace.equals(pathNamespace)) {
            throw ApiError.badRequest(
                    "the namespace of the object ("
                            + namespace
                            + ") does not match the namespace on the URL ("
                            + pathNamespace
                            + ")");
        }
    }

    /** A body naming a resource version other than the stored one conflicts. */
    private static void requireCurrentVersion(JsonNode current, JsonNode updated) {
        String stored = current.path("metadata").path("resourceVersion").asText();
        String given = updated.path("metadata").path("resourceVersion").asText();
        if (!given.isEmpty() && !given.equals(stored)) {
            throw ApiError.conflict(
                    "Operation cannot be fulfilled on "
                            + updated.path("kind").asText()
                            + " \""
                            + updated.path("metadata").path("name").asText()
                            + "\": the object has been modified; please apply your changes to the"
                            + " latest version and try again");
        }
    }

    /** What the server owns in metadata stays as stored. */
    private static void preserveMetadata(JsonNode current, ObjectNode updated) {
        JsonNode stored = current.path("metadata");
        ObjectNode metadata = updated.with("metadata");
        String namespace = stored.path("namespace").asText(null);
        if (namespace == null) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", stored.path("uid").asText());
        metadata.put("creationTimestamp", stored.path("creationTimestamp").asText());
        metadata.put("resourceVersion", stored.path("resourceVersion").asText());
        JsonNode generation = stored.get("generation");
        if (generation == null) {
            metadata.remove("generation");
        } else {
            metadata.set("generation", generation.deepCopy());
        }
    }

    private static void setStatus(ObjectNode object, JsonNode status) {
        if (status == null) {
            object.remove("status");
        } else {
            object.set("status", status.deepCopy());
        }
    }

    private static String value(AttributeSet key, String name) {
        Attribute a = key.getAttribute(name);
        return a == null || a.getValues().isEmpty()
                ? null
                : a.getValues().iterator().next().toString();
    }

    /** Now on the wall clock, to the second, as fabric8 stamps creations. */
    static String wallClockNow() {
        return ZonedDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_INSTANT);
    }
}
