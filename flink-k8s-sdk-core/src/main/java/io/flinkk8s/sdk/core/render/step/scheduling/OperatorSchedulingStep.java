package io.flinkk8s.sdk.core.render.step.scheduling;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.operator.OperatorPodDisruptionBudgetStep;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the JobManager and TaskManager pods run, from {@code scheduling}, for target operator: what
 * {@link SchedulingStep} does, into the pod drafts the {@code FlinkDeployment}'s {@code
 * jobManager.podTemplate} and {@code taskManager.podTemplate} are made of. It replaces {@link
 * SchedulingStep} under the same id. The spread selects the TaskManager pods by the labels the
 * operator and Flink give them, {@code app} = the {@code FlinkDeployment}'s name and {@code
 * component: taskmanager} (native and standalone mode alike), since the SDK's labels are not on
 * pods Flink creates from the template in every mode.
 */
public final class OperatorSchedulingStep implements RenderStep {

    /** {@code scheduling}: the id of the standalone step it stands in for. */
    public static final StepId ID = SchedulingStep.ID;

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only when {@code scheduling} is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().scheduling().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(OperatorPodDisruptionBudgetStep.APP_LABEL, ctx.names().flinkDeployment());
        labels.put(
                OperatorPodDisruptionBudgetStep.COMPONENT_LABEL,
                OperatorPodDisruptionBudgetStep.TASK_MANAGER_COMPONENT);
        return SchedulingStep.place(ctx, in, labels);
    }
}
