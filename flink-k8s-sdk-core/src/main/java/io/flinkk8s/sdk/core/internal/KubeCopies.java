package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Deep copies of fabric8 objects: through the generated builders for the kinds the SDK renders
 * (fast, no JSON), through a serialization round trip for any other kind. Internal: not API, may
 * change in any release.
 */
public final class KubeCopies {

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private KubeCopies() {}

    /** A deep copy of {@code object}, of the same class. */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T copy(T object) {
        HasMetadata copy;
        if (object instanceof Deployment d) {
            copy = new DeploymentBuilder(d).build();
        } else if (object instanceof ConfigMap c) {
            copy = new ConfigMapBuilder(c).build();
        } else if (object instanceof Service s) {
            copy = new ServiceBuilder(s).build();
        } else if (object instanceof ServiceAccount s) {
            copy = new ServiceAccountBuilder(s).build();
        } else if (object instanceof Role r) {
            copy = new RoleBuilder(r).build();
        } else if (object instanceof RoleBinding r) {
            copy = new RoleBindingBuilder(r).build();
        } else if (object instanceof HorizontalPodAutoscaler h) {
            copy = new HorizontalPodAutoscalerBuilder(h).build();
        } else if (object instanceof PodDisruptionBudget b) {
            copy = new PodDisruptionBudgetBuilder(b).build();
        } else {
            copy = SERIALIZATION.clone(object);
        }
        return (T) copy;
    }
}
