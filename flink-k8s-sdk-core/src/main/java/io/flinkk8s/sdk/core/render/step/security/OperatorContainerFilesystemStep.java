package io.flinkk8s.sdk.core.render.step.security;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import java.util.List;

/**
 * Operator target: {@code security.readOnlyRootFilesystem} in the {@code FlinkDeployment}'s pod
 * templates, which Flink's native Kubernetes integration merges into its pods (it keeps the main
 * container's security context and the template's volumes and mounts). It stands in for {@code
 * container-filesystem}: Flink mounts its configuration itself, so there is no copy to make.
 *
 * <ul>
 *   <li><b>overwrites</b> the main container's {@code securityContext.readOnlyRootFilesystem}
 *       ({@code true}); its other fields are kept;
 *   <li><b>merges</b>, by name and mount path: an {@code emptyDir} at every path Flink writes
 *       ({@code /tmp}, {@code /opt/flink/log}, {@code /opt/flink/artifacts});
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class OperatorContainerFilesystemStep implements RenderStep {

    @Override
    public StepId id() {
        return ContainerFilesystemStep.ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** When {@code security.readOnlyRootFilesystem} is on. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return Boolean.TRUE.equals(ctx.spec().security().readOnlyRootFilesystem());
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        List<Volume> volumes = WritableVolumes.emptyDirs(WritableVolumes.PATHS);
        List<VolumeMount> mounts = WritableVolumes.mounts(WritableVolumes.PATHS);
        Rendering out = in;
        for (Component c : List.of(Component.JOB_MANAGER, Component.TASK_MANAGER)) {
            out =
                    out.mapPod(
                            c,
                            draft ->
                                    WritableVolumes.readOnlyRoot(
                                            WritableVolumes.add(draft, volumes, mounts)));
        }
        return out;
    }
}
