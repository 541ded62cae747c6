package io.flinkk8s.sdk.core.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The Flink Kubernetes Operator's autoscaler keys ({@code job.autoscaler.*}, operator 1.15) that
 * the SDK writes for {@code autoscaling.strategy: operator-autoscaler}. Defined here because their
 * constants live in the operator's {@code flink-autoscaler} module, which the SDK does not depend
 * on; keys, types and defaults are the ones the operator documents. Each keeps the operator's
 * deprecated and fallback keys ({@code kubernetes.operator.job.autoscaler.*}, {@code
 * target.utilization}, {@code scale-up.grace-period}), so that a user value under an old key counts
 * as the same key.
 */
public final class OperatorAutoscalerOptions {

    private static final String PREFIX = "job.autoscaler.";
    private static final String OLD_PREFIX = "kubernetes.operator." + PREFIX;

    /** {@code job.autoscaler.enabled}: turns the autoscaler on. */
    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key(PREFIX + "enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withFallbackKeys(OLD_PREFIX + "enabled")
                    .withDescription("Turns the operator's job autoscaler on.");

    /** {@code job.autoscaler.utilization.target}: the busy-time share each vertex aims at. */
    public static final ConfigOption<Double> UTILIZATION_TARGET =
            ConfigOptions.key(PREFIX + "utilization.target")
                    .doubleType()
                    .defaultValue(0.7)
                    .withDeprecatedKeys(PREFIX + "target.utilization")
                    .withFallbackKeys(
                            OLD_PREFIX + "utilization.target", OLD_PREFIX + "target.utilization")
                    .withDescription("The busy-time share each vertex is scaled towards.");

    /** {@code job.autoscaler.utilization.min}: below it a vertex is scaled down. */
    public static final ConfigOption<Double> UTILIZATION_MIN =
            ConfigOptions.key(PREFIX + "utilization.min")
                    .doubleType()
                    .noDefaultValue()
                    .withFallbackKeys(OLD_PREFIX + "utilization.min")
                    .withDescription("The busy-time share below which a vertex is scaled down.");

    /** {@code job.autoscaler.utilization.max}: above it a vertex is scaled up. */
    public static final ConfigOption<Double> UTILIZATION_MAX =
            ConfigOptions.key(PREFIX + "utilization.max")
                    .doubleType()
                    .noDefaultValue()
                    .withFallbackKeys(OLD_PREFIX + "utilization.max")
                    .withDescription("The busy-time share above which a vertex is scaled up.");

    /** {@code job.autoscaler.metrics.window}: how long metrics are aggregated. */
    public static final ConfigOption<Duration> METRICS_WINDOW =
            ConfigOptions.key(PREFIX + "metrics.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withFallbackKeys(OLD_PREFIX + "metrics.window")
                    .withDescription("How long metrics are aggregated before a decision.");

    /** {@code job.autoscaler.stabilization.interval}: no scaling this long after a rescale. */
    public static final ConfigOption<Duration> STABILIZATION_INTERVAL =
            ConfigOptions.key(PREFIX + "stabilization.interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withFallbackKeys(OLD_PREFIX + "stabilization.interval")
                    .withDescription("How long no new scaling is done after a restart.");

    /** {@code job.autoscaler.scale-down.interval}: how long a scale-down is delayed and merged. */
    public static final ConfigOption<Duration> SCALE_DOWN_INTERVAL =
            ConfigOptions.key(PREFIX + "scale-down.interval")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDeprecatedKeys(PREFIX + "scale-up.grace-period")
                    .withFallbackKeys(
                            OLD_PREFIX + "scale-up.grace-period",
                            OLD_PREFIX + "scale-down.interval")
                    .withDescription("How long a scale-down is delayed, merging those within it.");

    /** {@code job.autoscaler.vertex.min-parallelism}: the lowest parallelism of a vertex. */
    public static final ConfigOption<Integer> VERTEX_MIN_PARALLELISM =
            ConfigOptions.key(PREFIX + "vertex.min-parallelism")
                    .intType()
                    .defaultValue(1)
                    .withFallbackKeys(OLD_PREFIX + "vertex.min-parallelism")
                    .withDescription("The lowest parallelism the autoscaler gives a vertex.");

    /** {@code job.autoscaler.vertex.max-parallelism}: the highest parallelism of a vertex. */
    public static final ConfigOption<Integer> VERTEX_MAX_PARALLELISM =
            ConfigOptions.key(PREFIX + "vertex.max-parallelism")
                    .intType()
                    .defaultValue(200)
                    .withFallbackKeys(OLD_PREFIX + "vertex.max-parallelism")
                    .withDescription("The highest parallelism the autoscaler gives a vertex.");

    /** {@code job.autoscaler.catch-up.duration}: the time to work off a backlog. */
    public static final ConfigOption<Duration> CATCH_UP_DURATION =
            ConfigOptions.key(PREFIX + "catch-up.duration")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withFallbackKeys(OLD_PREFIX + "catch-up.duration")
                    .withDescription(
                            "The time to work off a backlog after a scaling; 0 turns off.");

    /** {@code job.autoscaler.restart.time}: the restart time the autoscaler assumes. */
    public static final ConfigOption<Duration> RESTART_TIME =
            ConfigOptions.key(PREFIX + "restart.time")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withFallbackKeys(OLD_PREFIX + "restart.time")
                    .withDescription("The restart time the autoscaler assumes.");

    private static final List<ConfigOption<?>> ALL =
            List.of(
                    ENABLED,
                    UTILIZATION_TARGET,
                    UTILIZATION_MIN,
                    UTILIZATION_MAX,
                    METRICS_WINDOW,
                    STABILIZATION_INTERVAL,
                    SCALE_DOWN_INTERVAL,
                    VERTEX_MIN_PARALLELISM,
                    VERTEX_MAX_PARALLELISM,
                    CATCH_UP_DURATION,
                    RESTART_TIME);

    private OperatorAutoscalerOptions() {}

    /** Every option above, in the order listed. */
    public static List<ConfigOption<?>> all() {
        return ALL;
    }
}
