package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An object as stored, with the resource it is stored under, so that code which walks every kind
 * (the garbage collector, the state dump) can address it.
 *
 * @param group the API group, empty for the core group
 * @param version the API version
 * @param resource the plural resource name
 * @param object the object's JSON tree, shared with the API server: read it, never change it (copy
 *     it first)
 */
public record StoredObject(String group, String version, String resource, JsonNode object) {

    /** The object's kind. */
    public String kind() {
        return object.path("kind").asText();
    }

    /** The object's namespace; null for a cluster-scoped object. */
    public String namespace() {
        return object.path("metadata").path("namespace").asText(null);
    }

    /** The object's name. */
    public String name() {
        return object.path("metadata").path("name").asText();
    }

    /** The object's uid. */
    public String uid() {
        return object.path("metadata").path("uid").asText();
    }

    /** {@code Kind namespace/name}, for messages. */
    public String describe() {
        String ns = namespace();
        return kind() + " " + (ns == null ? "" : ns + "/") + name();
    }
}
