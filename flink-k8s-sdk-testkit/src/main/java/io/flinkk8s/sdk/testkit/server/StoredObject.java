package io.flinkk8s.sdk.testkit.server;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * An object as stored, with the resource it is stored under, so that code which walks every kind
 * (the garbage collector, the state dump) can address it.
 *
 * @param group the API group, empty for the core group
 * @param version the API version
 * @param resource the plural resource name
 * @param object the object
 */
public record StoredObject(
        String group, String version, String resource, GenericKubernetesResource object) {

    /** {@code Kind namespace/name}, for messages. */
    public String describe() {
        String ns = object.getMetadata().getNamespace();
        return object.getKind()
                + " "
                + (ns == null ? "" : ns + "/")
                + object.getMetadata().getName();
    }
}
