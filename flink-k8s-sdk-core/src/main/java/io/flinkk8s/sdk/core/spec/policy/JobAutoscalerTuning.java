package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;

/**
 * Settings that only the Flink Kubernetes Operator's autoscaler ({@link
 * AutoscalingStrategy#OPERATOR_AUTOSCALER}) has: it scales on each vertex's busy time, so its
 * target is a busy-time share, not a CPU share. {@link io.flinkk8s.sdk.core.spec.SpecDefaults}
 * fills the operator's own defaults (1.15) so that they are visible in the effective spec.
 *
 * @param targetUtilization the busy-time percentage each vertex is scaled towards, in (0, 100]
 *     ({@code job.autoscaler.utilization.target} as a fraction)
 * @param utilizationBoundary percentage points around the target within which nothing is scaled, in
 *     [0, 100) ({@code utilization.min} / {@code utilization.max} = target ∓ boundary)
 * @param metricsWindow how long metrics are aggregated before a decision ({@code metrics.window})
 * @param catchUpDuration the time to work off a backlog after a scaling; zero turns backlog-based
 *     scaling off ({@code catch-up.duration})
 * @param restartTime the restart time the autoscaler assumes ({@code restart.time})
 */
public record JobAutoscalerTuning(
        Integer targetUtilization,
        Integer utilizationBoundary,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration metricsWindow,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration catchUpDuration,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration restartTime) {

    /** Nothing set. */
    public static JobAutoscalerTuning unset() {
        return new JobAutoscalerTuning(null, null, null, null, null);
    }

    /** Whether nothing is set. */
    @JsonIgnore
    public boolean isUnset() {
        return targetUtilization == null
                && utilizationBoundary == null
                && metricsWindow == null
                && catchUpDuration == null
                && restartTime == null;
    }
}
