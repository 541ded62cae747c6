package io.flinkk8s.sdk.core.deploy.internal.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Secrets, ConfigMaps and ServiceAccounts rendered objects refer to, found by the shape of a
 * reference wherever it stands in an object (so that the pod templates of both targets, a pod
 * template inside the operator's {@code FlinkDeployment}, and whatever a later render step adds are
 * all covered): {@code env[].valueFrom.secretKeyRef} and {@code configMapKeyRef}, {@code
 * envFrom[].secretRef} and {@code configMapRef}, {@code volumes[].secret} and {@code configMap}
 * (also as projected sources), {@code imagePullSecrets}, {@code serviceAccountName} (and the
 * operator's {@code spec.serviceAccount}), an Ingress's {@code tls[].secretName}.
 */
final class References {

    /**
     * One reference.
     *
     * @param kind {@code Secret}, {@code ConfigMap} or {@code ServiceAccount}
     * @param name the name referred to
     * @param key the key the reference reads; null for the whole object
     * @param optional whether the reference says the object may be missing
     * @param usedBy the referring object, e.g. {@code Deployment streaming/orders-jobmanager}
     */
    record Reference(String kind, String name, String key, boolean optional, String usedBy) {}

    private References() {}

    /** Every reference in {@code objects}, in their order, each as often as it occurs. */
    static List<Reference> in(List<HasMetadata> objects, KubernetesSerialization serialization) {
        List<Reference> found = new ArrayList<>();
        for (HasMetadata o : objects) {
            String usedBy =
                    o.getKind()
                            + " "
                            + o.getMetadata().getNamespace()
                            + "/"
                            + o.getMetadata().getName();
            JsonNode tree = serialization.convertValue(o, JsonNode.class);
            walk(tree, usedBy, found);
            if (ObjectKind.FLINK_DEPLOYMENT_KIND.equals(o.getKind())) {
                String account = tree.path("spec").path("serviceAccount").asText("");
                if (!account.isEmpty()) {
                    found.add(new Reference("ServiceAccount", account, null, false, usedBy));
                }
            }
        }
        return found;
    }

    private static void walk(JsonNode node, String usedBy, List<Reference> found) {
        if (node.isArray()) {
            node.forEach(n -> walk(n, usedBy, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "secretKeyRef" -> add(found, "Secret", v, "name", v.path("key"), usedBy);
                case "configMapKeyRef" -> add(found, "ConfigMap", v, "name", v.path("key"), usedBy);
                case "secretRef" -> add(found, "Secret", v, "name", null, usedBy);
                case "configMapRef" -> add(found, "ConfigMap", v, "name", null, usedBy);
                case "secret" -> {
                    add(found, "Secret", v, "secretName", null, usedBy);
                    add(found, "Secret", v, "name", null, usedBy); // a projected source
                }
                case "configMap" -> add(found, "ConfigMap", v, "name", null, usedBy);
                case "imagePullSecrets" ->
                        v.forEach(s -> add(found, "Secret", s, "name", null, usedBy));
                case "serviceAccountName" -> {
                    if (v.isTextual() && !v.asText().isEmpty()) {
                        found.add(new Reference("ServiceAccount", v.asText(), null, false, usedBy));
                    }
                }
                case "tls" -> v.forEach(t -> add(found, "Secret", t, "secretName", null, usedBy));
                default -> {}
            }
            walk(v, usedBy, found);
        }
    }

    private static void add(
            List<Reference> found,
            String kind,
            JsonNode ref,
            String nameField,
            JsonNode key,
            String usedBy) {
        String name = ref.path(nameField).asText("");
        if (name.isEmpty() || name.contains("{{")) { // the operator fills {{name}} templates
            return;
        }
        String k = key == null || !key.isTextual() ? null : key.asText();
        found.add(new Reference(kind, name, k, ref.path("optional").asBoolean(false), usedBy));
    }
}
