package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * The TaskManager Deployment, built from the final TaskManager pod draft.
 *
 * <ul>
 *   <li><b>emits</b>: apps/v1 Deployment {@code ResourceNames.taskManagerDeployment()} with
 *       <ul>
 *         <li>{@code replicas} = {@code taskManager.replicas}, 0 when {@code job.state} is {@code
 *             suspended}; left out while the autoscaling strategy {@code hpa-reactive} renders an
 *             HPA, which then owns the field through the scale subresource (applying a value would
 *             undo every scaling; without one, a new Deployment starts at Kubernetes' default of 1
 *             and the HPA raises it to {@code minTaskManagers} on its first sync; a running
 *             Deployment keeps its count, which {@code FlinkDeployer} hands to the HPA first);
 *         <li>{@code selector} = {@code ResourceLabels.selector(TASK_MANAGER)} only;
 *         <li>no {@code strategy}: Kubernetes' rolling update; TaskManagers are interchangeable;
 *       </ul>
 *   <li><b>overwrites</b> in the pod template: the common labels, the config-hash annotation,
 *       {@code serviceAccountName} and {@code automountServiceAccountToken}, as {@link
 *       JobManagerDeploymentStep} does (with HA the TaskManagers watch the leader ConfigMaps too);
 *   <li><b>merges</b>: every other field of the pod draft is taken as it is.
 * </ul>
 */
public final class TaskManagerDeploymentStep implements RenderStep {

    /** {@code taskmanager-deployment}. */
    public static final StepId ID = StepId.of("taskmanager-deployment");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ASSEMBLE;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        return in.withAdoptedResource(
                Workloads.deployment(
                        ctx,
                        in,
                        Component.TASK_MANAGER,
                        ctx.names().taskManagerDeployment(),
                        replicas(ctx),
                        null));
    }

    /** {@code taskManager.replicas}, or null while an HPA owns the replica count. */
    private static Integer replicas(RenderContext ctx) {
        boolean hpaOwns = ReactiveModeStep.usesHpaReactive(ctx) && !Workloads.suspended(ctx);
        return hpaOwns ? null : ctx.spec().taskManager().replicas();
    }
}
