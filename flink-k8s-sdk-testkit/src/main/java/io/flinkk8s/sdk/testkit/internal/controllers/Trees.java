package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Reading and building the JSON trees of stored objects, for the controllers. They work on the API
 * server's own trees rather than fabric8 model objects: a controller reads every object of its
 * kinds on every run, and reading model objects (Jackson through reflection) cost a JVM's first
 * test more than the rest of the controllers together. The trees they read are shared: a controller
 * copies one ({@code deepCopy()}) before changing it.
 */
public final class Trees {

    private Trees() {}

    /** Whether a pod's Ready condition is True. */
    public static boolean isPodReady(JsonNode pod) {
        JsonNode ready = find(pod.path("status").get("conditions"), "type", "Ready");
        return ready != null && "True".equals(text(ready, "status"));
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A text field, or null when it is absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** An integer field, or {@code fallback} when it is absent or not a number. */
    public static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.intValue() : fallback;
    }

    /** A time field, or {@code fallback} when it is absent. */
    public static Instant time(JsonNode node, String field, Instant fallback) {
        String value = text(node, field);
        return value == null ? fallback : Instant.parse(value);
    }

    /** {@code metadata} of an object (a missing node when absent). */
    public static JsonNode meta(JsonNode object) {
        return object.path("metadata");
    }

    /** {@code metadata.name} of an object, or null. */
    public static String name(JsonNode object) {
        return text(meta(object), "name");
    }

    /** {@code metadata.namespace} of an object, or null. */
    public static String namespace(JsonNode object) {
        return text(meta(object), "namespace");
    }

    /** {@code metadata.uid} of an object, or null. */
    public static String uid(JsonNode object) {
        return text(meta(object), "uid");
    }

    /** A label of an object, or null. */
    public static String label(JsonNode object, String key) {
        return text(meta(object).path("labels"), key);
    }

    /** An annotation of an object, or null. */
    public static String annotation(JsonNode object, String key) {
        return text(meta(object).path("annotations"), key);
    }

    /** Whether the object is being deleted. */
    public static boolean isDeleting(JsonNode object) {
        return meta(object).hasNonNull("deletionTimestamp");
    }

    /** Whether {@code labels} (an object node, or missing) holds every entry of {@code wanted}. */
    public static boolean containsAll(JsonNode labels, JsonNode wanted) {
        if (wanted == null || !wanted.isObject()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode have = labels == null ? null : labels.get(e.getKey());
            if (have == null || !have.asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** The element of an array of objects whose {@code field} is {@code value}, or null. */
    public static JsonNode find(JsonNode array, String field, String value) {
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                if (value.equals(text(element, field))) {
                    return element;
                }
            }
        }
        return null;
    }

    /** The names of the PersistentVolumeClaims a pod's volumes mount. */
    public static java.util.List<String> claimNames(JsonNode pod) {
        java.util.List<String> claims = new java.util.ArrayList<>();
        for (JsonNode v : elements(pod.path("spec").get("volumes"))) {
            String claim = text(v.path("persistentVolumeClaim"), "claimName");
            if (claim != null) {
                claims.add(claim);
            }
        }
        return claims;
    }

    /** The elements of an array (empty when it is absent). */
    public static Iterable<JsonNode> elements(JsonNode array) {
        return array != null && array.isArray() ? array : JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Copies the fields of {@code from} (an object node, or missing) into a new object, or null.
     */
    public static ObjectNode copyOrNull(JsonNode from) {
        return from != null && from.isObject() && !from.isEmpty()
                ? ((ObjectNode) from).deepCopy()
                : null;
    }
}
