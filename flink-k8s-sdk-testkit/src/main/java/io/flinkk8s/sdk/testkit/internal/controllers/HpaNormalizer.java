package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the HPA makes of a proposal, as Kubernetes' horizontal.go does, with the history one HPA
 * keeps in the controller's memory (its recommendations and scale events):
 *
 * <ul>
 *   <li>without {@code behavior}: normalizeDesiredReplicas, the highest recommendation of the last
 *       5 minutes ({@code --horizontal-pod-autoscaler-downscale-stabilization}), then min/max and a
 *       scale-up of at most max(2 × current, 4) per sync;
 *   <li>with {@code behavior}: normalizeDesiredReplicasWithBehaviors, the stabilization windows of
 *       both directions, then the policies over the scale events of their periods, then min/max,
 *       the unset fields defaulted as the API server defaults them (up: 0 s, Max of 4 pods and 100%
 *       per 15 s; down: the controller's 300 s, 100% per 15 s).
 * </ul>
 *
 * <p>A new HPA's history starts with the current size (recordInitialRecommendation), so its first
 * scale-down waits out the window.
 */
final class HpaNormalizer {

    private static final Duration DOWNSCALE_STABILIZATION = Duration.ofMinutes(5);

    private record Recommendation(Instant at, int replicas) {}

    private record ScaleEvent(Instant at, int change) {}

    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> ups = new ArrayList<>();
    private final List<ScaleEvent> downs = new ArrayList<>();

    /** recordInitialRecommendation: the first sync's current size. */
    void recordInitial(int current, Instant now) {
        if (recommendations.isEmpty()) {
            recommendations.add(new Recommendation(now, current));
        }
    }

    /** storeScaleEvent (kept only for an HPA with behavior, as Kubernetes does). */
    void scaled(HorizontalPodAutoscaler hpa, int from, int to, Instant now) {
        if (hpa.getSpec().getBehavior() == null || from == to) {
            return;
        }
        (to > from ? ups : downs).add(new ScaleEvent(now, Math.abs(to - from)));
    }

    /** The desired replicas for {@code proposal}, setting AbleToScale and ScalingLimited. */
    int normalize(
            HorizontalPodAutoscaler hpa,
            int current,
            int proposal,
            int min,
            HpaConditions conditions,
            Instant now) {
        int max = hpa.getSpec().getMaxReplicas();
        return hpa.getSpec().getBehavior() == null
                ? withoutBehavior(current, proposal, min, max, conditions, now)
                : withBehavior(hpa, current, proposal, min, max, conditions, now);
    }

    private int withoutBehavior(
            int current, int proposal, int min, int max, HpaConditions conditions, Instant now) {
        Instant cutoff = now.minus(DOWNSCALE_STABILIZATION);
        int stabilized = proposal;
        int oldest = -1;
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation r = recommendations.get(i);
            if (r.at().isBefore(cutoff)) {
                oldest = i;
            } else {
                stabilized = Math.max(stabilized, r.replicas());
            }
        }
        record(oldest, proposal, now);
        if (stabilized != proposal) {
            conditions.set(
                    "AbleToScale",
                    true,
                    "ScaleDownStabilized",
                    "recent recommendations were higher than current one, applying the highest"
                            + " recent recommendation");
        } else {
            conditions.set(
                    "AbleToScale",
                    true,
                    "ReadyForNewScale",
                    "recommended size matches current size");
        }
        int scaleUpLimit = Math.max(2 * current, 4);
        int maximum;
        String reason;
        String message;
        if (max > scaleUpLimit) {
            maximum = scaleUpLimit;
            reason = "ScaleUpLimit";
            message = "the desired replica count is increasing faster than the maximum scale rate";
        } else {
            maximum = max;
            reason = "TooManyReplicas";
            message = "the desired replica count is more than the maximum replica count";
        }
        int desired = stabilized;
        if (stabilized < min) {
            desired = min;
            reason = "TooFewReplicas";
            message = "the desired replica count is less than the minimum replica count";
        } else if (stabilized > maximum) {
            desired = maximum;
        } else {
            reason = "DesiredWithinRange";
            message = "the desired count is within the acceptable range";
        }
        conditions.set("ScalingLimited", desired != stabilized, reason, message);
        return desired;
    }

    private int withBehavior(
            HorizontalPodAutoscaler hpa,
            int current,
            int proposal,
            int min,
            int max,
            HpaConditions conditions,
            Instant now) {
        HPAScalingRules up = rules(hpa, true);
        HPAScalingRules down = rules(hpa, false);
        Instant upCutoff = now.minusSeconds(up.getStabilizationWindowSeconds());
        Instant downCutoff = now.minusSeconds(down.getStabilizationWindowSeconds());
        int upRecommendation = proposal;
        int downRecommendation = proposal;
        int oldest = -1;
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation r = recommendations.get(i);
            if (r.at().isAfter(upCutoff)) {
                upRecommendation = Math.min(upRecommendation, r.replicas());
            }
            if (r.at().isAfter(downCutoff)) {
                downRecommendation = Math.max(downRecommendation, r.replicas());
            }
            if (r.at().isBefore(upCutoff) && r.at().isBefore(downCutoff)) {
                oldest = i;
            }
        }
        int stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
        record(oldest, proposal, now);
        if (stabilized != proposal) {
            boolean upward = proposal >= current;
            conditions.set(
                    "AbleToScale",
                    true,
                    upward ? "ScaleUpStabilized" : "ScaleDownStabilized",
                    upward
                            ? "recent recommendations were lower than current one, applying the"
                                    + " lowest recent recommendation"
                            : "recent recommendations were higher than current one, applying the"
                                    + " highest recent recommendation");
        } else {
            conditions.set(
                    "AbleToScale",
                    true,
                    "ReadyForNewScale",
                    "recommended size matches current size");
        }
        int desired = stabilized;
        String reason = "DesiredWithinRange";
        String message = "the desired count is within the acceptable range";
        if (stabilized > current) {
            int limit = Math.max(current, limit(current, now, up, true));
            int maximum = max;
            String why = "TooManyReplicas";
            String text = "the desired replica count is more than the maximum replica count";
            if (maximum > limit) {
                maximum = limit;
                why = "ScaleUpLimit";
                text = "the desired replica count is increasing faster than the maximum scale rate";
            }
            if (stabilized > maximum) {
                desired = maximum;
                reason = why;
                message = text;
            }
        } else if (stabilized < current) {
            int limit = Math.min(current, limit(current, now, down, false));
            int minimum = min;
            String why = "TooFewReplicas";
            String text = "the desired replica count is less than the minimum replica count";
            if (minimum < limit) {
                minimum = limit;
                why = "ScaleDownLimit";
                text = "the desired replica count is decreasing faster than the maximum scale rate";
            }
            if (stabilized < minimum) {
                desired = minimum;
                reason = why;
                message = text;
            }
        }
        conditions.set("ScalingLimited", desired != stabilized, reason, message);
        return desired;
    }

    /** Records the unstabilized proposal, in place of the oldest expired one if any. */
    private void record(int oldest, int proposal, Instant now) {
        Recommendation fresh = new Recommendation(now, proposal);
        if (oldest >= 0) {
            recommendations.set(oldest, fresh);
        } else {
            recommendations.add(fresh);
        }
    }

    /**
     * calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors: the size the
     * policies allow, from the size at the start of each policy's period.
     */
    private int limit(int current, Instant now, HPAScalingRules rules, boolean up) {
        if ("Disabled".equals(rules.getSelectPolicy())) {
            return current;
        }
        boolean minChange = "Min".equals(rules.getSelectPolicy());
        // scaling up, the smallest change is the lowest size; scaling down, the highest
        boolean lowest = up == minChange;
        int result = lowest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HPAScalingPolicy p : rules.getPolicies()) {
            Instant cutoff = now.minusSeconds(p.getPeriodSeconds());
            int start = current - changed(ups, cutoff) + changed(downs, cutoff);
            int proposed;
            if ("Pods".equals(p.getType())) {
                proposed = up ? start + p.getValue() : start - p.getValue();
            } else {
                proposed =
                        up
                                ? (int) Math.ceil(start * (1 + p.getValue() / 100.0))
                                : (int) (start * (1 - p.getValue() / 100.0));
            }
            result = lowest ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private static int changed(List<ScaleEvent> events, Instant cutoff) {
        return events.stream()
                .filter(e -> e.at().isAfter(cutoff))
                .mapToInt(ScaleEvent::change)
                .sum();
    }

    /** The rules of one direction with the API server's defaults for what is unset. */
    private static HPAScalingRules rules(HorizontalPodAutoscaler hpa, boolean up) {
        var behavior = hpa.getSpec().getBehavior();
        HPAScalingRules given = up ? behavior.getScaleUp() : behavior.getScaleDown();
        List<HPAScalingPolicy> policies =
                given != null && given.getPolicies() != null && !given.getPolicies().isEmpty()
                        ? given.getPolicies()
                        : up
                                ? List.of(policy("Pods", 4), policy("Percent", 100))
                                : List.of(policy("Percent", 100));
        Integer window = given == null ? null : given.getStabilizationWindowSeconds();
        return new HPAScalingRules(
                policies,
                given == null || given.getSelectPolicy() == null ? "Max" : given.getSelectPolicy(),
                window != null ? window : up ? 0 : (int) DOWNSCALE_STABILIZATION.toSeconds(),
                given == null ? null : given.getTolerance());
    }

    private static HPAScalingPolicy policy(String type, int value) {
        return new HPAScalingPolicyBuilder()
                .withType(type)
                .withValue(value)
                .withPeriodSeconds(15)
                .build();
    }
}
