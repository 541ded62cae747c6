package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.Namespace;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import java.util.Optional;

/** Whether the spec's namespace exists: every namespaced write into a missing one fails. */
final class NamespaceCheck {

    private NamespaceCheck() {}

    /**
     * The finding about {@code namespace}: an error when it does not exist (or is being deleted), a
     * warning when the caller may not read it; empty when it is there.
     */
    static Optional<PreflightFinding> check(ClusterReads reads, String namespace) {
        Read<Namespace> read =
                reads.read(
                        ObjectRef.of(Namespace.class, null, namespace),
                        () -> reads.context().client().namespaces().withName(namespace).get());
        if (read.forbidden()) {
            return Optional.of(
                    finding(
                            Severity.WARNING,
                            namespace,
                            "the caller may not read the namespace, so the preflight cannot tell"
                                    + " whether it exists",
                            "Make sure it exists (kubectl get namespace " + namespace + ")."));
        }
        if (read.missing()) {
            return Optional.of(
                    finding(
                            Severity.ERROR,
                            namespace,
                            "the namespace does not exist, so every object of the deployment"
                                    + " would be refused",
                            "Create it (kubectl create namespace "
                                    + namespace
                                    + "), or set the spec's namespace to an existing one."));
        }
        if (read.value().getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(
                    finding(
                            Severity.ERROR,
                            namespace,
                            "the namespace is being deleted, so new objects in it are refused",
                            "Wait until it is gone and create it again, or use another"
                                    + " namespace."));
        }
        return Optional.empty();
    }

    private static PreflightFinding finding(
            Severity severity, String namespace, String problem, String action) {
        return new PreflightFinding(
                severity, Check.NAMESPACE, "Namespace", null, namespace, problem, action);
    }
}
