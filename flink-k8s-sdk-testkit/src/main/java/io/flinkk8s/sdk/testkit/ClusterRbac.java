package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.testkit.internal.rbac.AccessReviews;
import java.util.Objects;

/**
 * What the in-memory cluster answers to SelfSubjectAccessReviews ({@code authorization.k8s.io/v1},
 * what {@code kubectl auth can-i} and the SDK's preflight ask): every permission is allowed until a
 * test denies one. Only the reviews' answers: the cluster does not refuse the requests themselves
 * for want of a permission. Get it from {@link FlinkK8sCluster#rbac()}. Thread-safe.
 *
 * <pre>{@code
 * cluster.rbac().deny("delete", "persistentvolumeclaims").deny("create", "pods/portforward");
 * PreflightReport report = deployer.preflight(spec); // two RBAC findings
 * }</pre>
 */
public final class ClusterRbac {

    private final AccessReviews reviews;

    ClusterRbac(AccessReviews reviews) {
        this.reviews = reviews;
    }

    /**
     * Answers reviews of {@code verb} ({@code *} for every verb) on {@code resource} (a plural,
     * with {@code /subresource} for a subresource, e.g. {@code pods/portforward}) not allowed, in
     * every namespace and API group.
     */
    public ClusterRbac deny(String verb, String resource) {
        reviews.deny(
                Objects.requireNonNull(verb, "verb"), Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /** Undoes a {@link #deny} of the same verb and resource. */
    public ClusterRbac allow(String verb, String resource) {
        reviews.allow(
                Objects.requireNonNull(verb, "verb"), Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /** Allows everything again, as a new cluster does. */
    public void allowAll() {
        reviews.allowAll();
    }

    /** Whether a review of {@code verb} on {@code resource} would be answered allowed. */
    public boolean allows(String verb, String resource) {
        return reviews.allowed(verb, resource);
    }
}
