package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.PodDisruptionBudgetStep;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import java.util.Map;
import java.util.TreeMap;

/**
 * PodDisruptionBudgets for the pods the Flink Kubernetes Operator creates, next to the {@code
 * FlinkDeployment}, when {@code disruption} is set. It replaces the standalone {@code
 * pod-disruption-budgets} step under the same id.
 *
 * <ul>
 *   <li><b>emits</b>: policy/v1 PodDisruptionBudget {@code
 *       ResourceNames.jobManagerDisruptionBudget()} with the JobManager's common labels, {@code
 *       maxUnavailable} = {@code disruption.jobManagerMaxUnavailable} and {@code
 *       selector.matchLabels} = the labels the operator's pods carry: {@code app} = the cluster id,
 *       which the operator sets to the resource's name, {@code component: jobmanager}, and {@code
 *       type}: {@code flink-native-kubernetes} in native mode ({@code flink-kubernetes}' {@code
 *       Constants}), {@code flink-standalone-kubernetes} in standalone mode ({@code operator-hpa};
 *       the operator's {@code StandaloneKubernetesUtils}). The pods belong to a Deployment, so
 *       Kubernetes can count {@code maxUnavailable} against its replicas;
 *   <li><b>emits</b> in standalone mode ({@code operator-hpa}) also {@code
 *       ResourceNames.taskManagerDisruptionBudget()} with the TaskManager's common labels, {@code
 *       maxUnavailable} = {@code disruption.taskManagerMaxUnavailable} and the same selector with
 *       {@code component: taskmanager}: there the TaskManagers are the pods of the operator's
 *       TaskManager Deployment, whose replicas Kubernetes counts the budget against;
 *   <li><b>advises</b> instead of a TaskManager budget in native mode, at {@code
 *       disruption.taskManagerMaxUnavailable}: native-mode TaskManager pods are bare pods whose
 *       controller owner is the JobManager Deployment, so Kubernetes would count their {@code
 *       maxUnavailable} against the JobManager's replicas and let a drain evict them all at once;
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class OperatorPodDisruptionBudgetStep implements RenderStep {

    /** {@code pod-disruption-budgets}: the id of the standalone step it stands in for. */
    public static final StepId ID = StepId.of("pod-disruption-budgets");

    /** The label key of the cluster id on native-mode pods. */
    public static final String APP_LABEL = "app";

    /** The label key of the component on native-mode pods. */
    public static final String COMPONENT_LABEL = "component";

    /** The label key of the deployment type on native-mode pods. */
    public static final String TYPE_LABEL = "type";

    /** The {@value #TYPE_LABEL} label's value on native-mode pods. */
    public static final String NATIVE_TYPE = "flink-native-kubernetes";

    /** The {@value #TYPE_LABEL} label's value on the operator's standalone-mode pods. */
    public static final String STANDALONE_TYPE = "flink-standalone-kubernetes";

    /** The {@value #COMPONENT_LABEL} label's value on the operator's JobManager pods. */
    public static final String JOB_MANAGER_COMPONENT = "jobmanager";

    /** The {@value #COMPONENT_LABEL} label's value on the operator's TaskManager pods. */
    public static final String TASK_MANAGER_COMPONENT = "taskmanager";

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
        boolean standalone = OperatorHorizontalPodAutoscalerStep.usesOperatorHpa(ctx);
        String type = standalone ? STANDALONE_TYPE : NATIVE_TYPE;
        Rendering out = in;
        if (d.jobManagerMaxUnavailable() != null) {
            out =
                    out.withResource(
                            budget(ctx, Component.JOB_MANAGER, type, d.jobManagerMaxUnavailable()));
        }
        if (d.taskManagerMaxUnavailable() != null && standalone) {
            out =
                    out.withResource(
                            budget(
                                    ctx,
                                    Component.TASK_MANAGER,
                                    type,
                                    d.taskManagerMaxUnavailable()));
        } else if (d.taskManagerMaxUnavailable() != null) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    "disruption.taskManagerMaxUnavailable",
                                    "no budget is rendered for the operator's native mode: its"
                                            + " TaskManager pods are owned by the JobManager"
                                            + " Deployment, so Kubernetes would count"
                                            + " maxUnavailable against the JobManager's replicas"
                                            + " and let a drain evict every TaskManager at once;"
                                            + " the operator-hpa strategy (standalone mode, a"
                                            + " TaskManager Deployment) gets a budget"));
        }
        return out;
    }

    private static PodDisruptionBudget budget(
            RenderContext ctx, Component component, String type, String maxUnavailable) {
        boolean jobManager = component == Component.JOB_MANAGER;
        Map<String, String> selector = new TreeMap<>();
        selector.put(APP_LABEL, ctx.names().flinkDeployment());
        selector.put(COMPONENT_LABEL, jobManager ? JOB_MANAGER_COMPONENT : TASK_MANAGER_COMPONENT);
        selector.put(TYPE_LABEL, type);
        return PodDisruptionBudgetStep.budget(
                ctx.metadata(
                        jobManager
                                ? ctx.names().jobManagerDisruptionBudget()
                                : ctx.names().taskManagerDisruptionBudget(),
                        component),
                selector,
                maxUnavailable);
    }
}
