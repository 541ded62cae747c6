package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The kinds the SDK renders: the fabric8 type each is listed with, and the dependency level it is
 * applied at. Objects of one level are applied concurrently, levels one after the other:
 * ServiceAccount and RBAC, then ConfigMaps and PVCs, then Services, then Deployments, then what
 * refers to them (HPA, PDB, NetworkPolicy, Ingress), then any other kind.
 */
final class ObjectKinds {

    private static final Map<String, Class<? extends HasMetadata>> TYPES =
            Map.ofEntries(
                    Map.entry("ServiceAccount", ServiceAccount.class),
                    Map.entry("Role", Role.class),
                    Map.entry("RoleBinding", RoleBinding.class),
                    Map.entry("ConfigMap", ConfigMap.class),
                    Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
                    Map.entry("Service", Service.class),
                    Map.entry("Deployment", Deployment.class),
                    Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
                    Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
                    Map.entry("NetworkPolicy", NetworkPolicy.class),
                    Map.entry("Ingress", Ingress.class));

    private static final List<List<String>> LEVELS =
            List.of(
                    List.of("ServiceAccount", "Role", "RoleBinding"),
                    List.of("ConfigMap", "PersistentVolumeClaim"),
                    List.of("Service"),
                    List.of("Deployment"),
                    List.of(
                            "HorizontalPodAutoscaler",
                            "PodDisruptionBudget",
                            "NetworkPolicy",
                            "Ingress"));

    private ObjectKinds() {}

    /** Every kind the SDK knows how to list, in apply order. */
    static List<String> known() {
        return LEVELS.stream().flatMap(List::stream).toList();
    }

    /** The dependency level of {@code kind}: 0 is applied first. */
    static int level(String kind) {
        for (int i = 0; i < LEVELS.size(); i++) {
            if (LEVELS.get(i).contains(kind)) {
                return i;
            }
        }
        return LEVELS.size();
    }

    /**
     * Lists the objects of one kind in {@code namespace} that carry every label of {@code selector}
     * (an equality-based selector: {@code k1=v1,k2=v2}).
     */
    static List<? extends HasMetadata> list(
            KubernetesClient client,
            String apiVersion,
            String kind,
            String namespace,
            Map<String, String> selector) {
        Class<? extends HasMetadata> type = TYPES.get(kind);
        if (type != null) {
            return client.resources(type)
                    .inNamespace(namespace)
                    .withLabels(selector)
                    .list()
                    .getItems();
        }
        return client.genericKubernetesResources(apiVersion, kind)
                .inNamespace(namespace)
                .withLabels(selector)
                .list()
                .getItems();
    }
}
