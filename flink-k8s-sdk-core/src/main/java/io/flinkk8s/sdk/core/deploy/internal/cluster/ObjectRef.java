package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One object in a namespace, by API version, kind and name: what the state record lists as applied,
 * what prune deletes, and what error messages name.
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind e.g. {@code Deployment}
 * @param namespace the namespace
 * @param name the name; null for every object of the kind (a list)
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    /**
     * The objects of {@code type} in {@code namespace} (no name), or the one named {@code name}.
     */
    public static ObjectRef of(Class<? extends HasMetadata> type, String namespace, String name) {
        return new ObjectRef(
                HasMetadata.getApiVersion(type), HasMetadata.getKind(type), namespace, name);
    }

    /** The reference of {@code o}. */
    public static ObjectRef of(HasMetadata o) {
        return new ObjectRef(
                o.getApiVersion(),
                o.getKind(),
                o.getMetadata().getNamespace(),
                o.getMetadata().getName());
    }

    /** {@code Deployment streaming/orders-taskmanager}. */
    @Override
    public String toString() {
        return name == null
                ? kind + " objects in namespace " + namespace
                : kind + " " + namespace + "/" + name;
    }
}
