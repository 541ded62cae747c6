package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.internal.EnvVars;
import java.util.List;

/**
 * What the SDK adds to the JobManager and TaskManager pod templates of a {@code FlinkDeployment}.
 * It replaces the standalone {@code pod-base} step under the same id.
 *
 * <ul>
 *   <li><b>merges</b>: the spec's {@code env} by name into the main container {@value
 *       FlinkPorts#MAIN_CONTAINER} (literal values, or {@code secretKeyRef} / {@code
 *       configMapKeyRef} references; values are never read or copied); the recommended labels
 *       ({@code ResourceLabels.pod}, without the spec's labels) into the pod metadata; everything
 *       else of the pod template is kept. The spec's {@code labels} and {@code annotations} stay on
 *       the {@code FlinkDeployment}'s metadata, so changing them restarts nothing;
 *   <li><b>leaves to the operator and Flink's native Kubernetes mode</b>: the main container's
 *       image, pull policy, CPU and memory requests and limits, ports, command and args, the config
 *       volume and the service account, which they set from the {@code FlinkDeployment}'s own
 *       fields;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class OperatorPodBaseStep implements RenderStep {

    /** {@code pod-base}: the id of the standalone step it stands in for. */
    public static final StepId ID = StepId.of("pod-base");

    private static final List<Component> PODS =
            List.of(Component.JOB_MANAGER, Component.TASK_MANAGER);

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        List<EnvVar> env = ctx.spec().env().stream().map(EnvVars::of).toList();
        Rendering out = in;
        for (Component c : PODS) {
            out = out.mapPod(c, draft -> decorate(ctx, c, env, draft));
        }
        return out;
    }

    private static PodDraft decorate(
            RenderContext ctx, Component component, List<EnvVar> env, PodDraft draft) {
        PodDraft withEnv =
                env.isEmpty()
                        ? draft
                        : draft.editMainContainer(
                                c ->
                                        c.withEnv(
                                                KubeLists.upsert(
                                                        c.buildEnv(), env, EnvVar::getName)));
        return withEnv.editPod(
                p -> p.editOrNewMetadata().addToLabels(ctx.labels().pod(component)).endMetadata());
    }
}
