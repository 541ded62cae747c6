package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.internal.HorizontalPodAutoscalers;
import io.flinkk8s.sdk.core.render.step.HorizontalPodAutoscalerStep;
import io.flinkk8s.sdk.core.render.step.ReactiveModeStep;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;

/**
 * The HorizontalPodAutoscaler of the {@code operator-hpa} autoscaling strategy, as in the Flink
 * Kubernetes Operator's HPA example ({@code examples/hpa/basic-hpa.yaml}): it scales the {@code
 * FlinkDeployment} through the CRD's scale subresource ({@code specReplicasPath:
 * .spec.taskManager.replicas}, {@code statusReplicasPath: .status.taskManager.replicas}, {@code
 * labelSelectorPath: .status.taskManager.labelSelector}); the operator, in its standalone mode,
 * resizes the TaskManager Deployment to match, and {@link ReactiveModeStep} makes the job use the
 * slots the TaskManagers bring. It replaces the standalone {@link HorizontalPodAutoscalerStep}
 * under the same id.
 *
 * <ul>
 *   <li><b>emits</b>: autoscaling/v2 HorizontalPodAutoscaler {@code
 *       ResourceNames.taskManagerAutoscaler()}, with the TaskManager component's common labels, the
 *       spec's annotations, {@code scaleTargetRef} = {@value FlinkDeploymentStep#API_VERSION}
 *       {@value FlinkDeploymentStep#KIND} {@code ResourceNames.flinkDeployment()}, and the bounds,
 *       metrics and behaviour of the standalone step's HPA (one shared mapping);
 *   <li><b>overwrites / merges</b>: nothing; {@link FlinkDeploymentStep} leaves {@code
 *       taskManager.replicas} to the HPA.
 * </ul>
 */
public final class OperatorHorizontalPodAutoscalerStep implements RenderStep {

    /** {@code horizontal-pod-autoscaler}: the id of the standalone step it stands in for. */
    public static final StepId ID = HorizontalPodAutoscalerStep.ID;

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with autoscaling strategy {@code operator-hpa}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return usesOperatorHpa(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(ctx.metadata(ctx.names().taskManagerAutoscaler(), Component.TASK_MANAGER));
        hpa.setSpec(
                HorizontalPodAutoscalers.spec(
                        a,
                        FlinkDeploymentStep.API_VERSION,
                        FlinkDeploymentStep.KIND,
                        ctx.names().flinkDeployment()));
        return in.withAdoptedResource(hpa);
    }

    /**
     * Whether {@code ctx}'s spec autoscales with an HPA on the {@code FlinkDeployment}, which runs
     * in the operator's standalone mode for it.
     */
    static boolean usesOperatorHpa(RenderContext ctx) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        return a.isEnabled() && a.strategy() == AutoscalingStrategy.OPERATOR_HPA;
    }
}
