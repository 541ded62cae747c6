package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;
import java.util.List;

/**
 * How the deployment scales with load: the bounds, the signals, how fast it may change, and the
 * {@link AutoscalingStrategy} that does it. Autoscaling is on when any field is set ({@link
 * #isEnabled()}); {@link #none()} turns it off. {@link io.flinkk8s.sdk.core.spec.SpecDefaults}
 * derives the strategy from the render target and fills defaults that avoid flapping a stateful job
 * (every rescale restarts it from its latest checkpoint): prompt scale-up, slow scale-down, a
 * cooldown between rescales.
 *
 * <p>What each strategy reads:
 *
 * <ul>
 *   <li>{@link AutoscalingStrategy#HPA_REACTIVE} and {@link AutoscalingStrategy#OPERATOR_HPA}: the
 *       TaskManager bounds, the CPU, memory and metric signals, {@code scaleUp}, {@code scaleDown}
 *       and {@code cooldown} (Flink's adaptive scheduler waits that long between rescales);
 *   <li>{@link AutoscalingStrategy#OPERATOR_AUTOSCALER}: the parallelism bounds, {@code
 *       jobAutoscaler}, the scale-down stabilization window ({@code scale-down.interval}) and
 *       {@code cooldown} (its {@code stabilization.interval}).
 * </ul>
 *
 * The validator rejects a field the strategy does not read, naming the strategy.
 *
 * @param strategy may be null: derived by {@link io.flinkk8s.sdk.core.spec.SpecDefaults} from the
 *     render target
 * @param minTaskManagers the HPA's {@code minReplicas}; may be null: {@code taskManager.replicas}
 * @param maxTaskManagers the HPA's {@code maxReplicas}; required for the HPA strategies
 * @param minParallelism the operator autoscaler's lowest vertex parallelism
 * @param maxParallelism the operator autoscaler's highest vertex parallelism
 * @param targetCpuUtilization average CPU use of the TaskManagers, in percent of their request, in
 *     (0, 100]; {@link io.flinkk8s.sdk.core.spec.SpecDefaults} sets 80 (Kubernetes' own default)
 *     when no signal is given
 * @param targetMemoryUtilization average memory use, in percent of the request, in (0, 100]
 * @param metrics custom and external metrics, never null
 * @param scaleUp never null; unset values are filled by {@link
 *     io.flinkk8s.sdk.core.spec.SpecDefaults}
 * @param scaleDown never null; unset values are filled by {@link
 *     io.flinkk8s.sdk.core.spec.SpecDefaults}
 * @param cooldown the least time between two rescales of the running job; written as Flink writes
 *     durations ({@code 1 min})
 * @param jobAutoscaler never null; only for the operator autoscaler
 */
public record AutoscalingPolicy(
        AutoscalingStrategy strategy,
        Integer minTaskManagers,
        Integer maxTaskManagers,
        Integer minParallelism,
        Integer maxParallelism,
        Integer targetCpuUtilization,
        Integer targetMemoryUtilization,
        List<MetricSignal> metrics,
        ScalingRules scaleUp,
        ScalingRules scaleDown,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration cooldown,
        JobAutoscalerTuning jobAutoscaler) {

    /** Normalises only: empty sections for null ones, a copy of {@code metrics}. */
    public AutoscalingPolicy {
        metrics = Copies.list(metrics);
        scaleUp = scaleUp == null ? ScalingRules.unset() : scaleUp;
        scaleDown = scaleDown == null ? ScalingRules.unset() : scaleDown;
        jobAutoscaler = jobAutoscaler == null ? JobAutoscalerTuning.unset() : jobAutoscaler;
    }

    /** No autoscaling. */
    public static AutoscalingPolicy none() {
        return new AutoscalingPolicy(
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Between {@code min} and {@code max} TaskManagers, everything else unset: the strategy is
     * derived and {@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills the rest.
     */
    public static AutoscalingPolicy taskManagers(int min, int max) {
        return new AutoscalingPolicy(
                null, min, max, null, null, null, null, null, null, null, null, null);
    }

    /** Whether autoscaling is on: any field is set. */
    @JsonIgnore
    public boolean isEnabled() {
        return strategy != null
                || minTaskManagers != null
                || maxTaskManagers != null
                || minParallelism != null
                || maxParallelism != null
                || targetCpuUtilization != null
                || targetMemoryUtilization != null
                || !metrics.isEmpty()
                || !scaleUp.isUnset()
                || !scaleDown.isUnset()
                || cooldown != null
                || !jobAutoscaler.isUnset();
    }

    /** Whether the job runs in Flink's reactive mode: autoscaling on with an HPA strategy. */
    @JsonIgnore
    public boolean usesReactiveMode() {
        return isEnabled() && strategy != null && strategy.usesReactiveMode();
    }

    /** Whether a CPU, memory or metric signal is set. */
    @JsonIgnore
    public boolean hasSignal() {
        return targetCpuUtilization != null
                || targetMemoryUtilization != null
                || !metrics.isEmpty();
    }

    /** A copy with {@code strategy} replaced. */
    public AutoscalingPolicy withStrategy(AutoscalingStrategy strategy) {
        return new AutoscalingPolicy(
                strategy,
                minTaskManagers,
                maxTaskManagers,
                minParallelism,
                maxParallelism,
                targetCpuUtilization,
                targetMemoryUtilization,
                metrics,
                scaleUp,
                scaleDown,
                cooldown,
                jobAutoscaler);
    }
}
