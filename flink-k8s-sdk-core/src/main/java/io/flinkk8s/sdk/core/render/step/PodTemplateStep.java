package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.core.internal.PodTemplates;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;

/**
 * The pod-template escape hatch: the spec's top-level {@code podTemplate} and then the component's
 * own ({@code jobManager.podTemplate}, {@code taskManager.podTemplate}) are the base that the SDK's
 * pod is merged onto, as in Flink's native Kubernetes mode. It is the first POD step, so the other
 * POD steps decorate the template.
 *
 * <ul>
 *   <li><b>merges</b>: the component template onto the top-level one, then the current draft onto
 *       both, so that the step is correct wherever it runs: objects merge field by field; named
 *       lists by their key (containers, init containers, volumes and env by name, volume mounts by
 *       path, ports by number); other lists (tolerations, args) are replaced by the later layer.
 *       The container named {@value FlinkPorts#MAIN_CONTAINER} becomes the main container; every
 *       other container (a sidecar) and every init container is kept as given;
 *   <li><b>overwrites</b>: nothing itself. The later POD steps overwrite what the SDK owns: the
 *       main container's name, image, args, CPU and memory, the Flink ports and the config mount,
 *       and, unless {@code security.podSecurity} is {@code none}, the restricted security fields;
 *       the ASSEMBLE steps own replicas, selector, service account and the config-hash annotation;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class PodTemplateStep implements RenderStep {

    /** {@code pod-template}. */
    public static final StepId ID = StepId.of("pod-template");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only when the spec has a pod template at any level. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        FlinkDeploymentSpec s = ctx.spec();
        return s.podTemplate() != null
                || s.jobManager().podTemplate() != null
                || s.taskManager().podTemplate() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        FlinkDeploymentSpec s = ctx.spec();
        Rendering out = in;
        out = withBase(out, Component.JOB_MANAGER, s.podTemplate(), s.jobManager().podTemplate());
        out = withBase(out, Component.TASK_MANAGER, s.podTemplate(), s.taskManager().podTemplate());
        return out;
    }

    private static Rendering withBase(
            Rendering in, Component component, PodTemplateSpec common, PodTemplateSpec own) {
        PodTemplateSpec base = PodTemplates.merge(common, own);
        if (base == null) {
            return in;
        }
        return in.mapPod(
                component,
                draft -> PodDraft.fromTemplate(PodTemplates.merge(base, draft.toTemplate())));
    }
}
