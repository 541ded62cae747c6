package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.deploy.internal.preflight.References.Reference;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Whether the Secrets, ConfigMaps and ServiceAccounts the rendered objects refer to ({@link
 * References}) exist, with the keys they read; those the SDK renders itself are not looked up. A
 * pod that refers to a missing one never starts ({@code CreateContainerConfigError}, a failed
 * mount, or a ReplicaSet that cannot create pods), long after the apply returned. Only the keys of
 * a Secret are read into the finding, never a value.
 */
final class ReferenceCheck {

    private ReferenceCheck() {}

    /** The findings about every reference of {@code rendered} in {@code namespace}. */
    static List<PreflightFinding> check(
            ClusterReads reads, String namespace, List<HasMetadata> rendered) {
        KubernetesClient client = reads.context().client();
        Set<String> renderedKeys = new TreeSet<>();
        rendered.forEach(o -> renderedKeys.add(o.getKind() + "/" + o.getMetadata().getName()));
        Map<String, List<Reference>> byObject = new LinkedHashMap<>();
        for (Reference r : References.in(rendered, client.getKubernetesSerialization())) {
            if (!r.optional() && !renderedKeys.contains(r.kind() + "/" + r.name())) {
                byObject.computeIfAbsent(r.kind() + "/" + r.name(), k -> new ArrayList<>()).add(r);
            }
        }
        List<PreflightFinding> findings = new ArrayList<>();
        for (List<Reference> refs : byObject.values()) {
            Reference first = refs.get(0);
            Read<Set<String>> read = keysOf(reads, client, namespace, first.kind(), first.name());
            if (read.forbidden()) {
                findings.add(
                        finding(
                                Severity.WARNING,
                                first,
                                namespace,
                                "the caller may not read it, so the preflight cannot tell whether"
                                        + " it exists ("
                                        + first.usedBy()
                                        + " refers to it)",
                                "Make sure it exists in namespace " + namespace + "."));
            } else if (read.missing()) {
                findings.add(
                        finding(
                                Severity.ERROR,
                                first,
                                namespace,
                                "the "
                                        + first.kind()
                                        + " does not exist, and "
                                        + first.usedBy()
                                        + " refers to it, so its pods would not start",
                                actionForMissing(first, namespace)));
            } else {
                missingKeys(refs, read.value())
                        .forEach(
                                key ->
                                        findings.add(
                                                finding(
                                                        Severity.ERROR,
                                                        first,
                                                        namespace,
                                                        "it has no key '"
                                                                + key
                                                                + "', which "
                                                                + first.usedBy()
                                                                + " reads",
                                                        "Add the key to it, or correct the key"
                                                                + " in the spec.")));
            }
        }
        return findings;
    }

    private static String actionForMissing(Reference r, String namespace) {
        if (r.kind().equals("ServiceAccount") && r.usedBy().startsWith("FlinkDeployment ")) {
            return "The operator's Helm chart creates it in the namespaces it watches: add "
                    + namespace
                    + " to its watchNamespaces, or create it with the Role the operator documents.";
        }
        return "Create it in namespace " + namespace + ", or remove the reference from the spec.";
    }

    private static Set<String> missingKeys(List<Reference> refs, Set<String> keys) {
        Set<String> missing = new TreeSet<>();
        for (Reference r : refs) {
            if (r.key() != null && keys != null && !keys.contains(r.key())) {
                missing.add(r.key());
            }
        }
        return missing;
    }

    /** The object's keys (a ServiceAccount's: none), or missing, or forbidden. */
    private static Read<Set<String>> keysOf(
            ClusterReads reads, KubernetesClient client, String ns, String kind, String name) {
        return switch (kind) {
            case "Secret" ->
                    keys(
                            reads,
                            ObjectRef.of(Secret.class, ns, name),
                            () -> client.secrets().inNamespace(ns).withName(name).get(),
                            s -> {
                                Set<String> k = new TreeSet<>();
                                if (s.getData() != null) {
                                    k.addAll(s.getData().keySet());
                                }
                                if (s.getStringData() != null) {
                                    k.addAll(s.getStringData().keySet());
                                }
                                return k;
                            });
            case "ConfigMap" ->
                    keys(
                            reads,
                            ObjectRef.of(ConfigMap.class, ns, name),
                            () -> client.configMaps().inNamespace(ns).withName(name).get(),
                            c -> {
                                Set<String> k = new TreeSet<>();
                                if (c.getData() != null) {
                                    k.addAll(c.getData().keySet());
                                }
                                if (c.getBinaryData() != null) {
                                    k.addAll(c.getBinaryData().keySet());
                                }
                                return k;
                            });
            default ->
                    keys(
                            reads,
                            ObjectRef.of(ServiceAccount.class, ns, name),
                            () -> client.serviceAccounts().inNamespace(ns).withName(name).get(),
                            a -> null);
        };
    }

    private static <T> Read<Set<String>> keys(
            ClusterReads reads,
            ObjectRef ref,
            Supplier<T> get,
            java.util.function.Function<T, Set<String>> keys) {
        Read<T> read = reads.read(ref, get);
        if (read.value() == null) {
            return new Read<>(null, read.forbidden());
        }
        Set<String> k = keys.apply(read.value());
        // a ServiceAccount has no keys: an empty marker set, which no reference reads a key of
        return new Read<>(k == null ? Set.of() : k, false);
    }

    private static PreflightFinding finding(
            Severity severity, Reference r, String namespace, String problem, String action) {
        return new PreflightFinding(
                severity, Check.REFERENCE, r.kind(), namespace, r.name(), problem, action);
    }
}
