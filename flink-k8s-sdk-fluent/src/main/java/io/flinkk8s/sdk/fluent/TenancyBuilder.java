package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.math.BigDecimal;

/**
 * Builds the {@link TenancyPolicy} of a deployment: the Namespace, a ResourceQuota and a LimitRange
 * sized from the spec. Obtained in {@code FlinkDeploymentBuilder.tenancy(t -> ...)}:
 *
 * <pre>{@code
 * .tenancy(t -> t.namespace().resourceQuota().limitRange())
 * .tenancy(t -> t.resourceQuota().headroom(1.5))   // room for sidecars or a debugging pod
 * }</pre>
 *
 * Mutable and not thread-safe.
 */
public final class TenancyBuilder {

    private Boolean namespace;
    private Boolean resourceQuota;
    private Boolean limitRange;
    private BigDecimal headroom;

    TenancyBuilder(TenancyPolicy policy) {
        namespace = policy.namespace();
        resourceQuota = policy.resourceQuota();
        limitRange = policy.limitRange();
        headroom = policy.headroom();
    }

    /** Creates the spec's namespace when an apply finds it missing; the SDK never deletes it. */
    public TenancyBuilder namespace() {
        namespace = true;
        return this;
    }

    /** Renders a ResourceQuota for the JobManager and TaskManagers at the autoscaling maximum. */
    public TenancyBuilder resourceQuota() {
        resourceQuota = true;
        return this;
    }

    /** Renders a LimitRange whose container maximum is the larger Flink container. */
    public TenancyBuilder limitRange() {
        limitRange = true;
        return this;
    }

    /** Multiplies the quota's amounts by {@code factor}, from 1 (the default) to 10. */
    public TenancyBuilder headroom(double factor) {
        headroom = BigDecimal.valueOf(factor);
        return this;
    }

    /** Turns tenancy off: nothing rendered or created for the namespace. */
    public TenancyBuilder none() {
        namespace = null;
        resourceQuota = null;
        limitRange = null;
        headroom = null;
        return this;
    }

    TenancyPolicy build() {
        return new TenancyPolicy(namespace, resourceQuota, limitRange, headroom);
    }
}
