package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import java.util.Optional;

/**
 * Whether the IngressClass the rendered Ingress (or the operator's {@code ingress} section) names
 * exists: the API server accepts an Ingress of an unknown class, and no controller ever serves it.
 */
final class IngressClassCheck {

    private IngressClassCheck() {}

    /** The finding about {@code className}; empty when it exists. */
    static Optional<PreflightFinding> check(ClusterReads reads, String className) {
        Read<IngressClass> read =
                reads.read(
                        ObjectRef.of(IngressClass.class, null, className),
                        () ->
                                reads.context()
                                        .client()
                                        .network()
                                        .v1()
                                        .ingressClasses()
                                        .withName(className)
                                        .get());
        if (read.forbidden()) {
            return Optional.of(
                    finding(
                            Severity.WARNING,
                            className,
                            "the caller may not read IngressClasses, so the preflight cannot tell"
                                    + " whether the class exists",
                            "Make sure it exists (kubectl get ingressclass " + className + ")."));
        }
        if (read.missing()) {
            return Optional.of(
                    finding(
                            Severity.ERROR,
                            className,
                            "no IngressClass of this name exists, so no ingress controller would"
                                    + " serve the Ingress",
                            "Set ingress.className to one of kubectl get ingressclass, or install"
                                    + " the ingress controller that defines it."));
        }
        return Optional.empty();
    }

    private static PreflightFinding finding(
            Severity severity, String className, String problem, String action) {
        return new PreflightFinding(
                severity, Check.INGRESS_CLASS, "IngressClass", null, className, problem, action);
    }
}
