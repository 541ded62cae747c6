package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.SchedulerExecutionMode;

/**
 * Flink's reactive mode for the HPA autoscaling strategies, {@code hpa-reactive} (target
 * standalone) and {@code operator-hpa} (target operator, where it lands in the {@code
 * FlinkDeployment}'s {@code flinkConfiguration}, as in the operator's {@code basic-reactive.yaml}):
 * the HPA changes the number of TaskManagers, and reactive mode makes the job use every slot they
 * bring, restarting it from its latest checkpoint on each change (which is why the validator
 * requires a checkpoint interval or a restart strategy with it).
 *
 * <ul>
 *   <li><b>owns</b> (a user value is a validation error while the policy is on): {@code
 *       scheduler-mode: reactive}, which also selects the adaptive scheduler;
 *   <li><b>derives</b> (a user value wins, with an advisory): {@code
 *       jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling} = {@code
 *       autoscaling.cooldown}, the least time between two rescales of the running job (Flink 1.x
 *       reads it as {@code jobmanager.adaptive-scheduler.scaling-interval.min}, which the ConfigMap
 *       then uses). Flink's other reactive defaults stay as Flink sets them: wait for resources
 *       without a timeout, no stabilization delay at submission;
 *   <li><b>overwrites / merges</b>: nothing;
 *   <li><b>emits</b>: config entries only; {@link HorizontalPodAutoscalerStep} (or the operator
 *       target's stand-in) renders the HPA.
 * </ul>
 */
public final class ReactiveModeStep implements RenderStep {

    /** {@code reactive-mode}. */
    public static final StepId ID = StepId.of("reactive-mode");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only with autoscaling strategy {@code hpa-reactive} or {@code operator-hpa}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().autoscaling().usesReactiveMode();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        AutoscalingPolicy autoscaling = ctx.spec().autoscaling();
        Rendering out =
                in.withConfig(JobManagerOptions.SCHEDULER_MODE, SchedulerExecutionMode.REACTIVE);
        if (autoscaling.cooldown() != null) {
            out =
                    out.withConfig(
                            JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING,
                            autoscaling.cooldown());
        }
        return out;
    }

    /** Whether {@code ctx}'s spec autoscales with an HPA on the TaskManager Deployment. */
    static boolean usesHpaReactive(RenderContext ctx) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        return a.isEnabled() && a.strategy() == AutoscalingStrategy.HPA_REACTIVE;
    }
}
