package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * The JobManager Deployment, built from the final JobManager pod draft.
 *
 * <ul>
 *   <li><b>emits</b>: apps/v1 Deployment {@code ResourceNames.jobManagerDeployment()} with
 *       <ul>
 *         <li>{@code replicas} = {@code jobManager.replicas} (more than one are HA standbys), 0
 *             when {@code job.state} is {@code suspended};
 *         <li>{@code selector} = {@code ResourceLabels.selector(JOB_MANAGER)} only: instance and
 *             component, never user or version labels, because a selector cannot change;
 *         <li>{@code strategy: Recreate}: a rolling update would run the old and the new JobManager
 *             side by side, and without HA both would run the job;
 *       </ul>
 *   <li><b>overwrites</b> in the pod template: the common labels; the annotation {@value
 *       FlinkConfigMapStep#CONFIG_HASH_ANNOTATION} (the config file's SHA-256, so a config change
 *       rolls the pods); {@code serviceAccountName} = {@code serviceAccount}, or with HA and none
 *       given the SDK's ServiceAccount, else the template's; {@code automountServiceAccountToken} =
 *       true with HA (the pods need the API), else the template's value or false;
 *   <li><b>merges</b>: every other field of the pod draft is taken as it is.
 * </ul>
 */
public final class JobManagerDeploymentStep implements RenderStep {

    /** {@code jobmanager-deployment}. */
    public static final StepId ID = StepId.of("jobmanager-deployment");

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
                        Component.JOB_MANAGER,
                        ctx.names().jobManagerDeployment(),
                        ctx.spec().jobManager().replicas(),
                        "Recreate"));
    }
}
