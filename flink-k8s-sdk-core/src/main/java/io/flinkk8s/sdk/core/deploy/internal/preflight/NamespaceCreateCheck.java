package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.AccessNeeds.Access;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import java.util.Optional;

/**
 * With {@code tenancy.namespace} the apply creates a missing namespace: whether the caller may
 * ({@code create namespaces}, a cluster-scoped SelfSubjectAccessReview), asked only when the
 * namespace is missing (or the caller may not read it, a warning then).
 */
final class NamespaceCreateCheck {

    private static final Access CREATE =
            new Access(
                    "create",
                    "",
                    "namespaces",
                    null,
                    Severity.ERROR,
                    "creating the missing namespace (tenancy.namespace)");

    private NamespaceCreateCheck() {}

    /** The finding about creating {@code namespace}; empty when it exists or may be created. */
    static Optional<PreflightFinding> check(ClusterReads reads, String namespace) {
        Read<Namespace> read =
                reads.read(
                        ObjectRef.of(Namespace.class, null, namespace),
                        () -> reads.context().client().namespaces().withName(namespace).get());
        if (read.value() != null) {
            return Optional.empty();
        }
        Read<GenericKubernetesResource> answer = RbacCheck.ask(reads, null, CREATE);
        if (answer.value() == null || RbacCheck.allowed(answer.value())) {
            return Optional.empty();
        }
        String unknown = read.forbidden() ? "may not read namespace " + namespace + " and " : "";
        return Optional.of(
                new PreflightFinding(
                        read.forbidden() ? Severity.WARNING : Severity.ERROR,
                        Check.RBAC,
                        "permission",
                        null,
                        CREATE.label(),
                        "the caller "
                                + unknown
                                + "may not create namespaces (cluster-scoped), which the apply"
                                + " needs to create the missing namespace "
                                + namespace
                                + " (tenancy.namespace)",
                        "Create the namespace beforehand (kubectl create namespace "
                                + namespace
                                + "), or grant it with a ClusterRole bound to the caller by a"
                                + " ClusterRoleBinding: apiGroups [\"\"], resources"
                                + " [\"namespaces\"], verbs [\"create\"] (check with kubectl auth"
                                + " can-i create namespaces)."));
    }
}
