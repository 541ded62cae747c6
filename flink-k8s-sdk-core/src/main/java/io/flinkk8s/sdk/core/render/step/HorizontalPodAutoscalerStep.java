package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.internal.HorizontalPodAutoscalers;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;

/**
 * The HorizontalPodAutoscaler of the {@code hpa-reactive} autoscaling strategy, which scales the
 * TaskManager Deployment; {@link ReactiveModeStep} makes the job follow the TaskManagers it gets.
 *
 * <ul>
 *   <li><b>emits</b>: autoscaling/v2 HorizontalPodAutoscaler {@code
 *       ResourceNames.taskManagerAutoscaler()}, with the TaskManager component's common labels and
 *       <ul>
 *         <li>{@code scaleTargetRef} = apps/v1 Deployment {@code
 *             ResourceNames.taskManagerDeployment()};
 *         <li>{@code minReplicas} / {@code maxReplicas} = {@code minTaskManagers} / {@code
 *             maxTaskManagers};
 *         <li>{@code metrics}, in this order: Resource {@code cpu} and {@code memory} with an
 *             {@code Utilization} target, when set; then each {@code metrics} entry as a {@code
 *             Pods} metric ({@code AverageValue} target) or an {@code External} metric ({@code
 *             Value} or {@code AverageValue} target), with its selector; quantities in the
 *             canonical form the API server stores, so a re-apply changes nothing;
 *         <li>{@code behavior.scaleUp} / {@code scaleDown} = {@code stabilizationWindowSeconds},
 *             {@code policies} ({@code Pods} / {@code Percent}, {@code value}, {@code
 *             periodSeconds}) and {@code selectPolicy} of {@code scaleUp} / {@code scaleDown};
 *       </ul>
 *       The bounds, metrics and behaviour are mapped by {@code internal.HorizontalPodAutoscalers},
 *       which the operator target's {@code OperatorHorizontalPodAutoscalerStep} shares. While the
 *       job is suspended the TaskManager Deployment has 0 replicas, and an HPA does not scale a
 *       target at 0: the HPA stays and resumes with the job;
 *   <li><b>overwrites / merges</b>: nothing; {@link TaskManagerDeploymentStep} leaves the
 *       Deployment's replicas to the HPA.
 * </ul>
 */
public final class HorizontalPodAutoscalerStep implements RenderStep {

    /** {@code horizontal-pod-autoscaler}. */
    public static final StepId ID = StepId.of("horizontal-pod-autoscaler");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with autoscaling strategy {@code hpa-reactive}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ReactiveModeStep.usesHpaReactive(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(ctx.metadata(ctx.names().taskManagerAutoscaler(), Component.TASK_MANAGER));
        hpa.setSpec(
                HorizontalPodAutoscalers.spec(
                        a,
                        ObjectKind.DEPLOYMENT.apiVersion(),
                        ObjectKind.DEPLOYMENT.kind(),
                        ctx.names().taskManagerDeployment()));
        return in.withAdoptedResource(hpa);
    }
}
