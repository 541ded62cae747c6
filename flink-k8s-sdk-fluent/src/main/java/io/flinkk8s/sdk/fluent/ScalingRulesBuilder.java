package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ScalingRules} of one scaling direction: how long a recommendation must hold,
 * and how many TaskManagers may come or go per period. Obtained in {@code
 * AutoscalingBuilder.scaleUp(up -> ...)} and {@code scaleDown(down -> ...)}:
 *
 * <pre>{@code
 * .autoscaling(a -> a.taskManagers(2, 10)
 *                    .scaleUp(up -> up.stabilizationWindow(Duration.ofMinutes(1))
 *                                     .addPercentPolicy(100, Duration.ofMinutes(1))
 *                                     .addPodsPolicy(4, Duration.ofMinutes(1))
 *                                     .selectPolicy(SelectPolicy.MIN))
 *                    .scaleDown(down -> down.addPodsPolicy(1, Duration.ofMinutes(10))))
 * }</pre>
 *
 * What is not set keeps core's default for the direction ({@code SpecDefaults}); adding the first
 * policy replaces the default policies. Mutable and not thread-safe.
 */
public final class ScalingRulesBuilder {

    private Duration stabilizationWindow;
    private final List<ScalingPolicy> policies;
    private SelectPolicy selectPolicy;

    ScalingRulesBuilder(ScalingRules rules) {
        stabilizationWindow = rules.stabilizationWindow();
        policies = new ArrayList<>(rules.policies());
        selectPolicy = rules.selectPolicy();
    }

    /**
     * Acts on a recommendation only after it held for {@code window}: scale-down takes the largest
     * recommendation of the window, scale-up the smallest. Whole seconds, at most 1 h; {@code null}
     * unsets it.
     */
    public ScalingRulesBuilder stabilizationWindow(Duration window) {
        this.stabilizationWindow = window;
        return this;
    }

    /** Allows at most {@code pods} TaskManagers more (or fewer) per {@code period}. */
    public ScalingRulesBuilder addPodsPolicy(int pods, Duration period) {
        return addPolicy(ScalingPolicy.pods(pods, period));
    }

    /** Allows at most {@code percent} % of the current TaskManagers more (or fewer) per period. */
    public ScalingRulesBuilder addPercentPolicy(int percent, Duration period) {
        return addPolicy(ScalingPolicy.percent(percent, period));
    }

    /** Adds one policy after those already added. */
    public ScalingRulesBuilder addPolicy(ScalingPolicy policy) {
        policies.add(policy);
        return this;
    }

    /** Replaces all policies; {@code null} or empty goes back to the defaults. */
    public ScalingRulesBuilder policies(List<ScalingPolicy> policies) {
        this.policies.clear();
        if (policies != null) {
            this.policies.addAll(policies);
        }
        return this;
    }

    /** Chooses which policy limits a step when several are given; {@code null} unsets it. */
    public ScalingRulesBuilder selectPolicy(SelectPolicy selectPolicy) {
        this.selectPolicy = selectPolicy;
        return this;
    }

    /** Never scales in this direction ({@code selectPolicy: Disabled}). */
    public ScalingRulesBuilder disabled() {
        return selectPolicy(SelectPolicy.DISABLED);
    }

    ScalingRules build() {
        return new ScalingRules(stabilizationWindow, policies, selectPolicy);
    }
}
