package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PodDisruptionBudgets for the JobManager and the TaskManagers, when {@code disruption} is set, so
 * that a node drain evicts their pods a few at a time.
 *
 * <ul>
 *   <li><b>emits</b>: policy/v1 PodDisruptionBudget {@code
 *       ResourceNames.jobManagerDisruptionBudget()} and {@code
 *       ResourceNames.taskManagerDisruptionBudget()}, each with its component's common labels,
 *       {@code selector.matchLabels} = the component's selector labels (the ones its Deployment
 *       selects on, never user labels) and {@code maxUnavailable} = {@code
 *       jobManagerMaxUnavailable} / {@code taskManagerMaxUnavailable}, a number or a percentage
 *       (each budget only when its field is set; {@code SpecDefaults} sets both once either is).
 *       {@code maxUnavailable}, not {@code minAvailable}: it keeps meaning the same when the HPA
 *       changes the number of TaskManagers, and it lets a drain proceed while the Deployment is
 *       scaled to zero (a suspended job);
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class PodDisruptionBudgetStep implements RenderStep {

    /** {@code pod-disruption-budgets}. */
    public static final StepId ID = StepId.of("pod-disruption-budgets");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only when {@code disruption} sets a budget. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().disruption().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        DisruptionPolicy d = ctx.spec().disruption();
        Rendering out = in;
        if (d.jobManagerMaxUnavailable() != null) {
            out =
                    out.withAdoptedResource(
                            budget(
                                    ctx,
                                    Component.JOB_MANAGER,
                                    ctx.names().jobManagerDisruptionBudget(),
                                    d.jobManagerMaxUnavailable()));
        }
        if (d.taskManagerMaxUnavailable() != null) {
            out =
                    out.withAdoptedResource(
                            budget(
                                    ctx,
                                    Component.TASK_MANAGER,
                                    ctx.names().taskManagerDisruptionBudget(),
                                    d.taskManagerMaxUnavailable()));
        }
        return out;
    }

    private static PodDisruptionBudget budget(
            RenderContext ctx, Component component, String name, String maxUnavailable) {
        return budget(
                ctx.metadata(name, component), ctx.labels().selector(component), maxUnavailable);
    }

    /**
     * A PodDisruptionBudget with {@code metadata}, selecting the pods labelled {@code selector},
     * that lets {@code maxUnavailable} of them (a count, or a percentage such as {@code 25%}) be
     * evicted at once; for the steps of other targets, whose pods carry other labels.
     */
    public static PodDisruptionBudget budget(
            ObjectMeta metadata, Map<String, String> selector, String maxUnavailable) {
        // Built directly: a builder costs more than these objects.
        LabelSelector labelSelector = new LabelSelector();
        labelSelector.setMatchLabels(new LinkedHashMap<>(selector));
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setSelector(labelSelector);
        spec.setMaxUnavailable(amount(maxUnavailable));
        PodDisruptionBudget budget = new PodDisruptionBudget();
        budget.setMetadata(metadata);
        budget.setSpec(spec);
        return budget;
    }

    /** {@code 1} as a number, {@code 25%} as a string, as the API server stores them. */
    private static IntOrString amount(String value) {
        String v = value.trim();
        return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
    }
}
