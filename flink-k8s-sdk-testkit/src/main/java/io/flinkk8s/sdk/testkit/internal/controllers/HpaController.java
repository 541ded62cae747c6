package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The horizontal pod autoscaler (autoscaling/v2), every 15 virtual seconds per HPA, with the
 * Kubernetes algorithm: per metric {@code ceil(current × utilization / target)} unless within the
 * 10% tolerance, the largest proposal wins, then the stabilization windows (scale-up takes the
 * smallest recommendation in its window, scale-down the largest; defaults 0 s and 300 s), the
 * behaviour policies (Pods/Percent per period, {@code selectPolicy} Max/Min/Disabled; defaults: up
 * max(100%, 4 pods) per 15 s, down 100% per 15 s) and min/max replicas. It scales any target with a
 * scale subresource and writes the HPA status and conditions.
 *
 * <p>Metrics are what the test sets through {@code cluster.metrics()}: Resource utilization
 * percentages and {@code Pods} metric averages per scale target, {@code External} metric values per
 * namespace (with a {@code Value} target: {@code ceil(current × value / target)}; with an {@code
 * AverageValue} target: {@code ceil(value / target)}). The pod count in the formulas is the
 * target's current replicas (a real HPA counts ready pods with metrics); {@code Object} and {@code
 * ContainerResource} metrics are ignored, and a metric without a value set counts as missing.
 */
public final class HpaController implements Controller {

    private static final Duration SYNC_PERIOD = Duration.ofSeconds(15);
    private static final double TOLERANCE = 0.1;

    private record Recommendation(Instant at, int replicas) {}

    private record ScaleEvent(Instant at, int change) {}

    private static final class State {
        Instant lastSync;
        final List<Recommendation> recommendations = new ArrayList<>();
        final List<ScaleEvent> ups = new ArrayList<>();
        final List<ScaleEvent> downs = new ArrayList<>();
    }

    private final Map<String, State> states = new HashMap<>();

    @Override
    public Set<String> watches() {
        return Set.of("horizontalpodautoscalers");
    }

    @Override
    public void reconcile(ControllerContext context) {
        for (HorizontalPodAutoscaler hpa : context.api().list(HorizontalPodAutoscaler.class)) {
            State state = states.computeIfAbsent(hpa.getMetadata().getUid(), k -> new State());
            Instant now = context.now();
            if (state.lastSync != null && now.isBefore(state.lastSync.plus(SYNC_PERIOD))) {
                context.wakeUpAt(state.lastSync.plus(SYNC_PERIOD));
                continue;
            }
            state.lastSync = now;
            context.wakeUpAt(now.plus(SYNC_PERIOD));
            sync(context, hpa, state);
        }
    }

    private void sync(ControllerContext context, HorizontalPodAutoscaler hpa, State state) {
        var ref = hpa.getSpec().getScaleTargetRef();
        String ns = hpa.getMetadata().getNamespace();
        Scale scale = context.api().getScale(ref.getApiVersion(), ref.getKind(), ns, ref.getName());
        List<HorizontalPodAutoscalerCondition> conditions = new ArrayList<>();
        if (scale == null) {
            conditions.add(
                    condition(
                            hpa,
                            "AbleToScale",
                            false,
                            "FailedGetScale",
                            "the HPA controller was unable to get the target's current scale",
                            context));
            writeStatus(context, hpa, 0, 0, List.of(), conditions, false);
            return;
        }
        int current = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        List<MetricStatus> metrics = new ArrayList<>();
        int desired;
        String reason;
        if (current == 0 && min != 0) {
            desired = 0;
            conditions.add(
                    condition(
                            hpa,
                            "ScalingActive",
                            false,
                            "ScalingDisabled",
                            "scaling is disabled since the replica count of the target is zero",
                            context));
            reason = null;
        } else if (current > max || current < min) {
            desired = current > max ? max : min;
            reason =
                    current > max
                            ? "Current number of replicas above Spec.MaxReplicas"
                            : "Current number of replicas below Spec.MinReplicas";
            conditions.add(
                    condition(
                            hpa,
                            "ScalingActive",
                            true,
                            "ValidMetricFound",
                            "the HPA was able to compute the replica count",
                            context));
        } else {
            OptionalInt proposal = propose(context, hpa, ref.getName(), current, metrics);
            if (proposal.isEmpty()) {
                conditions.add(
                        condition(
                                hpa,
                                "ScalingActive",
                                false,
                                "FailedGetResourceMetric",
                                "the HPA was unable to compute the replica count: no metrics set for "
                                        + ns
                                        + "/"
                                        + ref.getName(),
                                context));
                writeStatus(context, hpa, current, current, metrics, conditions, false);
                return;
            }
            conditions.add(
                    condition(
                            hpa,
                            "ScalingActive",
                            true,
                            "ValidMetricFound",
                            "the HPA was able to compute the replica count from the metrics",
                            context));
            desired =
                    normalize(
                            hpa,
                            state,
                            context.now(),
                            current,
                            proposal.getAsInt(),
                            min,
                            max,
                            conditions,
                            context);
            reason =
                    "resource utilization (percentage of request) "
                            + (desired > current ? "above" : "below")
                            + " target";
        }
        boolean rescaled = desired != current;
        if (rescaled) {
            context.api()
                    .setScale(
                            ref.getApiVersion(),
                            ref.getKind(),
                            ns,
                            ref.getName(),
                            desired,
                            Workloads.CONTROLLER_MANAGER);
            (desired > current ? state.ups : state.downs)
                    .add(new ScaleEvent(context.now(), Math.abs(desired - current)));
            context.recordEvent(
                    hpa,
                    "Normal",
                    "SuccessfulRescale",
                    "New size: " + desired + "; reason: " + reason);
        }
        conditions.add(
                0,
                condition(
                        hpa,
                        "AbleToScale",
                        true,
                        rescaled ? "SucceededRescale" : "ReadyForNewScale",
                        rescaled
                                ? "the HPA controller was able to update the target "
                                        + "scale to "
                                        + desired
                                : "recommended size matches current size",
                        context));
        writeStatus(context, hpa, current, desired, metrics, conditions, rescaled);
    }

    private static OptionalInt propose(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            String target,
            int current,
            List<MetricStatus> statuses) {
        List<MetricSpec> specs =
                hpa.getSpec().getMetrics() == null || hpa.getSpec().getMetrics().isEmpty()
                        ? List.of(defaultCpuMetric())
                        : hpa.getSpec().getMetrics();
        String ns = hpa.getMetadata().getNamespace();
        int best = -1;
        for (MetricSpec m : specs) {
            OptionalInt proposal =
                    switch (String.valueOf(m.getType())) {
                        case "Resource" -> resource(context, ns, target, current, m, statuses);
                        case "Pods" -> pods(context, ns, target, current, m, statuses);
                        case "External" -> external(context, ns, current, m, statuses);
                        default -> OptionalInt.empty();
                    };
            if (proposal.isPresent()) {
                best = Math.max(best, proposal.getAsInt());
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    private static OptionalInt resource(
            ControllerContext context,
            String ns,
            String target,
            int current,
            MetricSpec m,
            List<MetricStatus> statuses) {
        if (m.getResource() == null
                || m.getResource().getTarget().getAverageUtilization() == null) {
            return OptionalInt.empty();
        }
        String resource = m.getResource().getName();
        OptionalInt utilization = context.metrics().utilization(ns, target, resource);
        if (utilization.isEmpty()) {
            return OptionalInt.empty();
        }
        int targetUtilization = m.getResource().getTarget().getAverageUtilization();
        statuses.add(
                new MetricStatusBuilder()
                        .withType("Resource")
                        .withNewResource()
                        .withName(resource)
                        .withNewCurrent()
                        .withAverageUtilization(utilization.getAsInt())
                        .endCurrent()
                        .endResource()
                        .build());
        return OptionalInt.of(
                byRatio(current, (double) utilization.getAsInt() / targetUtilization));
    }

    /** A {@code Pods} metric: the pods' average against the target average. */
    private static OptionalInt pods(
            ControllerContext context,
            String ns,
            String target,
            int current,
            MetricSpec m,
            List<MetricStatus> statuses) {
        if (m.getPods() == null || m.getPods().getTarget().getAverageValue() == null) {
            return OptionalInt.empty();
        }
        String name = m.getPods().getMetric().getName();
        OptionalDouble average = context.metrics().podsMetric(ns, target, name);
        if (average.isEmpty()) {
            return OptionalInt.empty();
        }
        double goal = amount(m.getPods().getTarget().getAverageValue());
        statuses.add(
                new MetricStatusBuilder()
                        .withType("Pods")
                        .withNewPods()
                        .withNewMetric()
                        .withName(name)
                        .endMetric()
                        .withNewCurrent()
                        .withAverageValue(quantity(average.getAsDouble()))
                        .endCurrent()
                        .endPods()
                        .build());
        return OptionalInt.of(byRatio(current, average.getAsDouble() / goal));
    }

    /**
     * An {@code External} metric: its value against a {@code Value} target, or against an {@code
     * AverageValue} target times the current replicas (then the proposal is value / target).
     */
    private static OptionalInt external(
            ControllerContext context,
            String ns,
            int current,
            MetricSpec m,
            List<MetricStatus> statuses) {
        if (m.getExternal() == null) {
            return OptionalInt.empty();
        }
        String name = m.getExternal().getMetric().getName();
        OptionalDouble value = context.metrics().externalMetric(ns, name);
        var goal = m.getExternal().getTarget();
        if (value.isEmpty() || (goal.getValue() == null && goal.getAverageValue() == null)) {
            return OptionalInt.empty();
        }
        double v = value.getAsDouble();
        statuses.add(
                new MetricStatusBuilder()
                        .withType("External")
                        .withNewExternal()
                        .withNewMetric()
                        .withName(name)
                        .endMetric()
                        .withNewCurrent()
                        .withValue(quantity(v))
                        .endCurrent()
                        .endExternal()
                        .build());
        if (goal.getValue() != null) {
            return OptionalInt.of(byRatio(current, v / amount(goal.getValue())));
        }
        double average = amount(goal.getAverageValue());
        double ratio = v / (average * Math.max(1, current));
        return OptionalInt.of(
                Math.abs(1.0 - ratio) <= TOLERANCE ? current : (int) Math.ceil(v / average));
    }

    /** Kubernetes' proposal: the current replicas unless the ratio is outside the tolerance. */
    private static int byRatio(int current, double ratio) {
        return Math.abs(1.0 - ratio) <= TOLERANCE ? current : (int) Math.ceil(ratio * current);
    }

    private static double amount(Quantity q) {
        return q.getNumericalAmount().doubleValue();
    }

    private static Quantity quantity(double value) {
        return new Quantity(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    private static MetricSpec defaultCpuMetric() {
        return new io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(80)
                .endTarget()
                .endResource()
                .build();
    }

    /**
     * Kubernetes' normalizeDesiredReplicasWithBehaviors: stabilize, then rate-limit, then clamp.
     */
    private static int normalize(
            HorizontalPodAutoscaler hpa,
            State state,
            Instant now,
            int current,
            int proposal,
            int min,
            int max,
            List<HorizontalPodAutoscalerCondition> conditions,
            ControllerContext context) {
        HPAScalingRules up = rules(hpa, true);
        HPAScalingRules down = rules(hpa, false);
        Instant upCutoff = now.minusSeconds(window(up, 0));
        Instant downCutoff = now.minusSeconds(window(down, 300));
        int upRecommendation = proposal;
        int downRecommendation = proposal;
        for (Recommendation r : state.recommendations) {
            if (r.at().isAfter(upCutoff)) {
                upRecommendation = Math.min(upRecommendation, r.replicas());
            }
            if (r.at().isAfter(downCutoff)) {
                downRecommendation = Math.max(downRecommendation, r.replicas());
            }
        }
        Instant oldest = upCutoff.isBefore(downCutoff) ? upCutoff : downCutoff;
        state.recommendations.removeIf(r -> !r.at().isAfter(oldest));
        state.recommendations.add(new Recommendation(now, proposal));
        int stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
        int desired = stabilized;
        String limitReason = null;
        if (stabilized > current) {
            int limit = Math.max(current, upLimit(current, state, now, up));
            int allowed = Math.min(max, limit);
            if (desired > allowed) {
                desired = allowed;
                limitReason = allowed == max ? "TooManyReplicas" : "ScaleUpLimit";
            }
        } else if (stabilized < current) {
            int limit = Math.min(current, downLimit(current, state, now, down));
            int allowed = Math.max(min, limit);
            if (desired < allowed) {
                desired = allowed;
                limitReason = allowed == min ? "TooFewReplicas" : "ScaleDownLimit";
            }
        }
        conditions.add(
                condition(
                        hpa,
                        "ScalingLimited",
                        limitReason != null,
                        limitReason == null ? "DesiredWithinRange" : limitReason,
                        limitReason == null
                                ? "the desired count is within the acceptable range"
                                : "the desired replica count is limited (" + limitReason + ")",
                        context));
        return desired;
    }

    private static int upLimit(int current, State state, Instant now, HPAScalingRules rules) {
        if ("Disabled".equals(rules.getSelectPolicy())) {
            return current;
        }
        boolean minChange = "Min".equals(rules.getSelectPolicy());
        int result = minChange ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HPAScalingPolicy p : rules.getPolicies()) {
            int start = periodStart(current, state, now, p.getPeriodSeconds());
            int proposed =
                    "Pods".equals(p.getType())
                            ? start + p.getValue()
                            : (int) Math.ceil(start * (1 + p.getValue() / 100.0));
            result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private static int downLimit(int current, State state, Instant now, HPAScalingRules rules) {
        if ("Disabled".equals(rules.getSelectPolicy())) {
            return current;
        }
        boolean minChange = "Min".equals(rules.getSelectPolicy());
        int result = minChange ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HPAScalingPolicy p : rules.getPolicies()) {
            int start = periodStart(current, state, now, p.getPeriodSeconds());
            int proposed =
                    "Pods".equals(p.getType())
                            ? start - p.getValue()
                            : (int) (start * (1 - p.getValue() / 100.0));
            result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private static int periodStart(int current, State state, Instant now, int periodSeconds) {
        Instant cutoff = now.minusSeconds(periodSeconds);
        int added =
                state.ups.stream()
                        .filter(e -> e.at().isAfter(cutoff))
                        .mapToInt(ScaleEvent::change)
                        .sum();
        int deleted =
                state.downs.stream()
                        .filter(e -> e.at().isAfter(cutoff))
                        .mapToInt(ScaleEvent::change)
                        .sum();
        return current - added + deleted;
    }

    private static HPAScalingRules rules(HorizontalPodAutoscaler hpa, boolean up) {
        var behavior = hpa.getSpec().getBehavior();
        HPAScalingRules given =
                behavior == null ? null : up ? behavior.getScaleUp() : behavior.getScaleDown();
        List<HPAScalingPolicy> policies =
                given != null && given.getPolicies() != null && !given.getPolicies().isEmpty()
                        ? given.getPolicies()
                        : up
                                ? List.of(policy("Percent", 100, 15), policy("Pods", 4, 15))
                                : List.of(policy("Percent", 100, 15));
        return new io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder()
                .withPolicies(policies)
                .withSelectPolicy(
                        given == null || given.getSelectPolicy() == null
                                ? "Max"
                                : given.getSelectPolicy())
                .withStabilizationWindowSeconds(
                        given == null ? null : given.getStabilizationWindowSeconds())
                .build();
    }

    private static HPAScalingPolicy policy(String type, int value, int period) {
        return new io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder()
                .withType(type)
                .withValue(value)
                .withPeriodSeconds(period)
                .build();
    }

    private static long window(HPAScalingRules rules, int fallback) {
        return rules.getStabilizationWindowSeconds() == null
                ? fallback
                : rules.getStabilizationWindowSeconds();
    }

    private static HorizontalPodAutoscalerCondition condition(
            HorizontalPodAutoscaler hpa,
            String type,
            boolean value,
            String reason,
            String message,
            ControllerContext context) {
        String status = value ? "True" : "False";
        HorizontalPodAutoscalerCondition previous =
                hpa.getStatus() == null || hpa.getStatus().getConditions() == null
                        ? null
                        : hpa.getStatus().getConditions().stream()
                                .filter(c -> c.getType().equals(type))
                                .findFirst()
                                .orElse(null);
        String transition =
                previous != null && previous.getStatus().equals(status)
                        ? previous.getLastTransitionTime()
                        : context.now().toString();
        return new HorizontalPodAutoscalerConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(transition)
                .build();
    }

    private static void writeStatus(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            int current,
            int desired,
            List<MetricStatus> metrics,
            List<HorizontalPodAutoscalerCondition> conditions,
            boolean rescaled) {
        HorizontalPodAutoscalerStatus old = hpa.getStatus();
        String lastScale =
                rescaled ? context.now().toString() : old == null ? null : old.getLastScaleTime();
        HorizontalPodAutoscalerStatus status =
                new HorizontalPodAutoscalerStatusBuilder()
                        .withCurrentReplicas(current)
                        .withDesiredReplicas(desired)
                        .withCurrentMetrics(metrics)
                        .withConditions(conditions)
                        .withLastScaleTime(lastScale)
                        .withObservedGeneration(hpa.getMetadata().getGeneration())
                        .build();
        if (!Objects.equals(status, old)) {
            context.api()
                    .updateStatus(
                            new HorizontalPodAutoscalerBuilder(hpa).withStatus(status).build());
        }
    }
}
