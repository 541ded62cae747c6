package io.flinkk8s.sdk.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a secret value must never appear: every object of a namespace but its Secrets, as JSON —
 * ConfigMaps (the rendered config, the state record), workloads, pods, Services, RBAC, Leases and
 * Events. Test use only.
 */
final class ClusterText {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ClusterText() {}

    /** Every object but Secrets in {@code namespace} as JSON, the cluster's Events included. */
    static List<String> everythingButSecrets(InMemoryFlinkK8sCluster cluster, String namespace) {
        List<String> json = new ArrayList<>();
        for (Class<? extends HasMetadata> kind :
                List.of(
                        ConfigMap.class,
                        Deployment.class,
                        ReplicaSet.class,
                        Pod.class,
                        Service.class,
                        ServiceAccount.class,
                        Role.class,
                        RoleBinding.class,
                        Lease.class,
                        Event.class)) {
            cluster.list(kind, namespace).forEach(o -> json.add(JSON.asJson(o)));
        }
        cluster.events().forEach(e -> json.add(JSON.asJson(e)));
        return json;
    }
}
