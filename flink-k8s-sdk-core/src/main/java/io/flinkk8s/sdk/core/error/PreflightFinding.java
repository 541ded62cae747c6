package io.flinkk8s.sdk.core.error;

import java.util.Objects;

/**
 * One thing a preflight found that would make an apply fail (or may make it fail): which check
 * found it, the object it is about, what is wrong and what to do. Found by {@code
 * FlinkDeployer.preflight}; an apply with {@code DeployOptions.preflightBeforeApply} refuses errors
 * with a {@link PreflightFailedException}.
 *
 * @param severity {@link Severity#ERROR}: the apply or the deployment's lifecycle would fail;
 *     {@link Severity#WARNING}: the preflight could not tell (for instance it may not read the
 *     object), or the deployment may fail later
 * @param check which check found it
 * @param kind the kind of the object it is about, e.g. {@code Secret}, {@code Namespace}
 * @param namespace the object's namespace; null for a cluster-scoped object
 * @param name the object's name; for {@link Check#RBAC} the verb and resource, e.g. {@code delete
 *     persistentvolumeclaims}
 * @param problem what is wrong, e.g. {@code the Secret does not exist}
 * @param action what to do about it
 */
public record PreflightFinding(
        Severity severity,
        Check check,
        String kind,
        String namespace,
        String name,
        String problem,
        String action) {

    /** How bad a finding is. */
    public enum Severity {
        /** The apply, or an operation the deployment needs later, would fail. */
        ERROR,
        /** The preflight could not tell, or the deployment may fail later. */
        WARNING
    }

    /** The checks a preflight runs, one per kind of finding. */
    public enum Check {
        /** The spec's namespace exists. */
        NAMESPACE,
        /** The operator's CRDs are installed and accept the spec's {@code flinkVersion}. */
        OPERATOR_CRD,
        /** The caller may do what the apply and the lifecycle do (SelfSubjectAccessReview). */
        RBAC,
        /** The namespace's ResourceQuotas and LimitRanges leave room for the spec. */
        QUOTA,
        /** The Ingress's class exists. */
        INGRESS_CLASS,
        /** The Secrets, ConfigMaps and ServiceAccount the pods and the Ingress name exist. */
        REFERENCE
    }

    /** Requires severity, check, kind, problem and action. */
    public PreflightFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(action, "action");
    }

    /** Whether this finding makes an apply fail. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code Secret streaming/orders-tls}, {@code Namespace streaming}. */
    public String object() {
        String where =
                namespace == null || name == null
                        ? (name == null ? namespace : name)
                        : namespace + "/" + name;
        return where == null ? kind : kind + " " + where;
    }

    /**
     * {@code ERROR [REFERENCE] Secret streaming/orders-tls: the Secret does not exist. Create
     * it...}.
     */
    @Override
    public String toString() {
        return severity + " [" + check + "] " + object() + ": " + problem + ". " + action;
    }
}
