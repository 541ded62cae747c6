package io.flinkk8s.sdk.core.spec.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;

/**
 * The namespace a deployment runs in, made to its measure: optionally the Namespace itself, a
 * ResourceQuota and a LimitRange sized from the spec: the JobManager and the TaskManagers at the
 * autoscaling maximum (the spec's replicas without autoscaling), each Flink container with its CPU,
 * memory and ephemeral storage as both request and limit, times {@code headroom}. Off unless a part
 * is turned on ({@link #isEnabled()}).
 *
 * <p>A headroom of 1 is enough for the SDK's own upgrades: a savepoint upgrade stops the job before
 * the new pods start and the JobManager Deployment is {@code Recreate}, so old and new pods never
 * run side by side. Raise it when other pods (sidecars a pod template adds, a debugging pod) share
 * the namespace. The quota and the limit range hold no state: turning a part off prunes it. The SDK
 * creates the Namespace when it is missing and never deletes it (a namespace delete deletes
 * everything in it).
 *
 * @param namespace whether the apply creates {@code namespace} when missing (and exports render
 *     it); null is off
 * @param resourceQuota whether a ResourceQuota {@code <name>-quota} is rendered; null is off
 * @param limitRange whether a LimitRange {@code <name>-limits} is rendered; null is off
 * @param headroom the factor the quota's amounts are multiplied by, at least 1; null is 1
 */
public record TenancyPolicy(
        Boolean namespace, Boolean resourceQuota, Boolean limitRange, BigDecimal headroom) {

    /** Nothing rendered for the namespace. */
    public static TenancyPolicy none() {
        return new TenancyPolicy(null, null, null, null);
    }

    /** The Namespace, a ResourceQuota and a LimitRange, headroom 1. */
    public static TenancyPolicy all() {
        return new TenancyPolicy(true, true, true, null);
    }

    /** Whether any part is on. */
    @JsonIgnore
    public boolean isEnabled() {
        return Boolean.TRUE.equals(namespace)
                || Boolean.TRUE.equals(resourceQuota)
                || Boolean.TRUE.equals(limitRange);
    }
}
