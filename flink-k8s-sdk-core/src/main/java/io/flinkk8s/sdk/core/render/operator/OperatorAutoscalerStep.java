package io.flinkk8s.sdk.core.render.operator;

import io.flinkk8s.sdk.core.config.OperatorAutoscalerOptions;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.UserFlinkConfigStep;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.JobManagerOptions.SchedulerType;

/**
 * The Flink Kubernetes Operator's job autoscaler for {@code autoscaling.strategy:
 * operator-autoscaler}: its {@code job.autoscaler.*} keys in the {@code FlinkDeployment}'s {@code
 * flinkConfiguration}, from the effective policy (so the operator's defaults, which {@code
 * SpecDefaults} writes out, are visible in the CR).
 *
 * <ul>
 *   <li><b>derives</b> (a user value wins, with an advisory, in {@link UserFlinkConfigStep}; the
 *       operator's old {@code kubernetes.operator.job.autoscaler.*} keys count as the same key):
 *       <ul>
 *         <li>{@code job.autoscaler.enabled: true};
 *         <li>{@code job.autoscaler.utilization.target} = {@code jobAutoscaler.targetUtilization} /
 *             100, and {@code utilization.min} / {@code utilization.max} = (target ∓ {@code
 *             utilizationBoundary}) / 100, clamped to [0, 1] (a busy-time share cannot leave that
 *             range);
 *         <li>{@code job.autoscaler.metrics.window} = {@code jobAutoscaler.metricsWindow}, {@code
 *             catch-up.duration} = {@code jobAutoscaler.catchUpDuration}, {@code restart.time} =
 *             {@code jobAutoscaler.restartTime};
 *         <li>{@code job.autoscaler.stabilization.interval} = {@code autoscaling.cooldown}, {@code
 *             scale-down.interval} = {@code autoscaling.scaleDown.stabilizationWindow};
 *         <li>{@code job.autoscaler.vertex.min-parallelism} / {@code vertex.max-parallelism} =
 *             {@code autoscaling.minParallelism} / {@code maxParallelism};
 *         <li>{@code jobmanager.scheduler: adaptive}: the operator writes the autoscaler's result
 *             as {@code pipeline.jobvertex-parallelism-overrides}, and applies that change in place
 *             (through Flink's resource-requirements REST API, without a restart of the cluster)
 *             only when the job runs on the adaptive scheduler (Flink 1.18 and later, which every
 *             version the operator target accepts is); with the default scheduler every scaling is
 *             a full upgrade of the deployment;
 *       </ul>
 *   <li><b>overwrites / merges</b>: nothing;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class OperatorAutoscalerStep implements RenderStep {

    /** {@code operator-autoscaler}. */
    public static final StepId ID = StepId.of("operator-autoscaler");

    private static final double PERCENT = 100.0;

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only with autoscaling strategy {@code operator-autoscaler}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        return a.isEnabled() && a.strategy() == AutoscalingStrategy.OPERATOR_AUTOSCALER;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        JobAutoscalerTuning t = a.jobAutoscaler();
        Rendering out =
                in.withConfig(OperatorAutoscalerOptions.ENABLED, true)
                        .withConfig(JobManagerOptions.SCHEDULER, SchedulerType.Adaptive);
        if (t.targetUtilization() != null) {
            int target = t.targetUtilization();
            out = out.withConfig(OperatorAutoscalerOptions.UTILIZATION_TARGET, target / PERCENT);
            if (t.utilizationBoundary() != null) {
                int boundary = t.utilizationBoundary();
                out =
                        out.withConfig(
                                        OperatorAutoscalerOptions.UTILIZATION_MIN,
                                        Math.max(0, target - boundary) / PERCENT)
                                .withConfig(
                                        OperatorAutoscalerOptions.UTILIZATION_MAX,
                                        Math.min(100, target + boundary) / PERCENT);
            }
        }
        out = withIfSet(out, OperatorAutoscalerOptions.METRICS_WINDOW, t.metricsWindow());
        out = withIfSet(out, OperatorAutoscalerOptions.CATCH_UP_DURATION, t.catchUpDuration());
        out = withIfSet(out, OperatorAutoscalerOptions.RESTART_TIME, t.restartTime());
        out = withIfSet(out, OperatorAutoscalerOptions.STABILIZATION_INTERVAL, a.cooldown());
        out =
                withIfSet(
                        out,
                        OperatorAutoscalerOptions.SCALE_DOWN_INTERVAL,
                        a.scaleDown().stabilizationWindow());
        out = withIfSet(out, OperatorAutoscalerOptions.VERTEX_MIN_PARALLELISM, a.minParallelism());
        return withIfSet(out, OperatorAutoscalerOptions.VERTEX_MAX_PARALLELISM, a.maxParallelism());
    }

    private static <T> Rendering withIfSet(Rendering in, ConfigOption<T> option, T value) {
        return value == null ? in : in.withConfig(option, value);
    }
}
