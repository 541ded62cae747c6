package io.flinkk8s.sdk.core.render.step.tenancy;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.internal.QuotaNeeds;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ResourceQuota and the LimitRange of {@code tenancy}, for both targets (the operator's pods
 * are the same JobManager and TaskManagers, with requests equal to limits).
 *
 * <ul>
 *   <li><b>emits</b>: v1 ResourceQuota {@code ResourceNames.resourceQuota()} when {@code
 *       tenancy.resourceQuota}: {@code hard} {@code pods}, {@code requests.cpu}, {@code
 *       limits.cpu}, {@code requests.memory}, {@code limits.memory} (and the ephemeral storage pair
 *       when the spec sets it for both roles: a quota on a resource refuses a pod requesting none
 *       of it) of {@link QuotaNeeds} (the JobManager and the TaskManagers at the autoscaling
 *       maximum) times {@code headroom}, pods rounded up; v1 LimitRange {@code
 *       ResourceNames.limitRange()} when {@code tenancy.limitRange}: one {@code Container} item
 *       whose {@code max} is the larger Flink container's CPU, memory (and ephemeral storage);
 *   <li><b>overwrites / merges</b>: nothing. The Namespace is not rendered: the deployer creates it
 *       when {@code tenancy.namespace} is on and it is missing.
 * </ul>
 */
public final class TenancyStep implements RenderStep {

    /** {@code tenancy}. */
    public static final StepId ID = StepId.of("tenancy");

    private static final List<String> QUOTA_KEYS =
            List.of(
                    "requests.cpu",
                    "limits.cpu",
                    "requests.memory",
                    "limits.memory",
                    "requests.ephemeral-storage",
                    "limits.ephemeral-storage");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only when {@code tenancy} renders a quota or a limit range. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        TenancyPolicy t = ctx.spec().tenancy();
        return Boolean.TRUE.equals(t.resourceQuota()) || Boolean.TRUE.equals(t.limitRange());
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        TenancyPolicy t = ctx.spec().tenancy();
        QuotaNeeds needs = QuotaNeeds.of(ctx.spec());
        Rendering out = in;
        if (Boolean.TRUE.equals(t.resourceQuota())) {
            out = out.withAdoptedResource(quota(ctx, needs, t.headroom()));
        }
        if (Boolean.TRUE.equals(t.limitRange())) {
            out = out.withAdoptedResource(limitRange(ctx, needs));
        }
        return out;
    }

    /** The quota of {@code needs} times {@code headroom} (null is 1). */
    static ResourceQuota quota(RenderContext ctx, QuotaNeeds needs, BigDecimal headroom) {
        BigDecimal factor = headroom == null ? BigDecimal.ONE : headroom;
        Map<String, Quantity> hard = new LinkedHashMap<>();
        BigDecimal pods =
                BigDecimal.valueOf(needs.pods()).multiply(factor).setScale(0, RoundingMode.CEILING);
        hard.put("pods", new Quantity(QuotaNeeds.format("pods", pods)));
        boolean storage = needs.containers().stream().allMatch(c -> c.ephemeralStorage() != null);
        for (String key : QUOTA_KEYS) {
            if (key.endsWith("ephemeral-storage") && !storage) {
                continue; // a quota on it refuses every pod that requests none
            }
            needs.amountOf(key)
                    .ifPresent(
                            a ->
                                    hard.put(
                                            key,
                                            new Quantity(
                                                    QuotaNeeds.format(key, a.multiply(factor)))));
        }
        ResourceQuota quota = new ResourceQuota();
        quota.setMetadata(ctx.metadata(ctx.names().resourceQuota(), Component.TENANCY));
        ResourceQuotaSpec spec = new ResourceQuotaSpec();
        spec.setHard(hard);
        quota.setSpec(spec);
        return quota;
    }

    private static LimitRange limitRange(RenderContext ctx, QuotaNeeds needs) {
        Map<String, Quantity> max = new LinkedHashMap<>();
        largest(needs, QuotaNeeds.Container::cpu)
                .ifPresent(v -> max.put("cpu", new Quantity(QuotaNeeds.format("cpu", v))));
        largest(needs, QuotaNeeds.Container::memory)
                .ifPresent(v -> max.put("memory", new Quantity(QuotaNeeds.format("memory", v))));
        largest(needs, QuotaNeeds.Container::ephemeralStorage)
                .ifPresent(
                        v ->
                                max.put(
                                        "ephemeral-storage",
                                        new Quantity(QuotaNeeds.format("ephemeral-storage", v))));
        LimitRangeItem item = new LimitRangeItem();
        item.setType("Container");
        item.setMax(max);
        LimitRange range = new LimitRange();
        range.setMetadata(ctx.metadata(ctx.names().limitRange(), Component.TENANCY));
        LimitRangeSpec spec = new LimitRangeSpec();
        spec.setLimits(List.of(item));
        range.setSpec(spec);
        return range;
    }

    private static Optional<BigDecimal> largest(
            QuotaNeeds needs, Function<QuotaNeeds.Container, BigDecimal> amount) {
        return needs.containers().stream()
                .map(amount)
                .filter(java.util.Objects::nonNull)
                .max(BigDecimal::compareTo);
    }
}
