package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Identifies one rendered object within a deployment: its kind and name (all objects share the
 * deployment's namespace).
 *
 * @param kind the Kubernetes kind, e.g. {@code Deployment}
 * @param name the object's name
 */
public record ResourceKey(String kind, String name) {

    /** The key of {@code object}. */
    public static ResourceKey of(HasMetadata object) {
        return new ResourceKey(
                object.getKind(),
                object.getMetadata() == null ? null : object.getMetadata().getName());
    }

    /** {@code Deployment/orders-jobmanager}. */
    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
