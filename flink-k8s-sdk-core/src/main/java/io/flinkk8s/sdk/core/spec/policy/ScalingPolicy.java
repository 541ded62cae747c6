package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;

/**
 * How much the TaskManager count may change within a period, as Kubernetes' {@code
 * HPAScalingPolicy}: at most {@code value} pods, or {@code value} percent of the current count, per
 * {@code period}.
 *
 * @param type pods or percent; required
 * @param value > 0; required
 * @param period whole seconds, > 0 and at most 30 min (Kubernetes' limit); required; written as
 *     Flink writes durations ({@code 1 min})
 */
public record ScalingPolicy(
        ScalingPolicyType type,
        Integer value,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration period) {

    /** At most {@code pods} TaskManagers added or removed per {@code period}. */
    public static ScalingPolicy pods(int pods, Duration period) {
        return new ScalingPolicy(ScalingPolicyType.PODS, pods, period);
    }

    /** At most {@code percent} % of the current TaskManagers added or removed per period. */
    public static ScalingPolicy percent(int percent, Duration period) {
        return new ScalingPolicy(ScalingPolicyType.PERCENT, percent, period);
    }
}
