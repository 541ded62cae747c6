package io.flinkk8s.sdk.core.operator.crd;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** Deep copies of Kubernetes resource requirements, which fabric8 models as mutable objects. */
final class Requirements {

    private Requirements() {}

    /** A deep copy of {@code r}; null for null. */
    static ResourceRequirements copy(ResourceRequirements r) {
        return r == null ? null : new ResourceRequirementsBuilder(r).build();
    }
}
