package io.flinkk8s.sdk.core.spec;

import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;

/**
 * The defaults of the scheduling, networking and observability policies, for {@link SpecDefaults}:
 * each fills only what a policy that is in use leaves unset.
 */
final class PolicyDefaults {

    private PolicyDefaults() {}

    static SchedulingPolicy scheduling(SchedulingPolicy s) {
        TaskManagerSpread spread = s.spread();
        if (spread == null) {
            return s;
        }
        SpreadMethod method = or(spread.method(), SpreadMethod.SPREAD_CONSTRAINT);
        boolean constraint = method == SpreadMethod.SPREAD_CONSTRAINT;
        return s.withSpread(
                new TaskManagerSpread(
                        spread.across(),
                        method,
                        constraint
                                ? or(spread.whenUnsatisfiable(), SpecDefaults.WHEN_UNSATISFIABLE)
                                : spread.whenUnsatisfiable(),
                        constraint ? or(spread.maxSkew(), 1) : spread.maxSkew()));
    }

    static NetworkingSpec networking(NetworkingSpec n) {
        RestServiceSpec r = n.restService();
        if (!r.isSet()) {
            return n;
        }
        return new NetworkingSpec(
                new RestServiceSpec(
                        r.effectiveType(),
                        r.nodePort(),
                        r.annotations(),
                        r.loadBalancerSourceRanges()),
                n.networkPolicy());
    }

    static ObservabilitySpec observability(ObservabilitySpec o) {
        PrometheusSpec p = o.prometheus();
        if (!p.isEnabled()) {
            return o;
        }
        return new ObservabilitySpec(
                new PrometheusSpec(
                        p.enabled(),
                        p.effectivePort(),
                        or(p.scrapeAnnotations(), Boolean.TRUE),
                        or(p.podMonitor(), Boolean.FALSE),
                        p.podMonitorLabels()),
                o.logging());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
