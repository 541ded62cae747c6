package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;
import java.util.List;

/**
 * How fast scaling in one direction (up or down) may go, as Kubernetes' {@code HPAScalingRules}. A
 * stateful Flink job restarts from its latest checkpoint on every rescale, so the defaults of
 * {@link io.flinkk8s.sdk.core.spec.SpecDefaults} scale up promptly but down slowly.
 *
 * @param stabilizationWindow how long a recommendation must hold before it is acted on: for
 *     scale-down the largest recommendation within the window wins, for scale-up the smallest;
 *     whole seconds, at most 1 h (Kubernetes' limit); may be null: filled by {@link
 *     io.flinkk8s.sdk.core.spec.SpecDefaults}. With the operator autoscaler, the scale-down window
 *     is its {@code scale-down.interval}
 * @param policies the limits per period, never null; empty: filled by {@link
 *     io.flinkk8s.sdk.core.spec.SpecDefaults}
 * @param selectPolicy may be null: filled by {@link io.flinkk8s.sdk.core.spec.SpecDefaults} ({@link
 *     SelectPolicy#MAX})
 */
public record ScalingRules(
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration stabilizationWindow,
        List<ScalingPolicy> policies,
        SelectPolicy selectPolicy) {

    /** Normalises: copies {@code policies}, a null list becomes empty. */
    public ScalingRules {
        policies = Copies.list(policies);
    }

    /**
     * Nothing set; {@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills what the strategy needs.
     */
    public static ScalingRules unset() {
        return new ScalingRules(null, List.of(), null);
    }

    /** Whether nothing is set. */
    @JsonIgnore
    public boolean isUnset() {
        return stabilizationWindow == null && policies.isEmpty() && selectPolicy == null;
    }

    /** A copy with {@code stabilizationWindow} replaced. */
    public ScalingRules withStabilizationWindow(Duration stabilizationWindow) {
        return new ScalingRules(stabilizationWindow, policies, selectPolicy);
    }
}
