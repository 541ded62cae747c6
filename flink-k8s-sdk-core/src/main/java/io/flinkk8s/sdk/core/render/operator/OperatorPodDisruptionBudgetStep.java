package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.DisruptionPolicy;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PodDisruptionBudget for the JobManager pods that the Flink Kubernetes Operator's native mode
 * creates, next to the {@code FlinkDeployment}, when {@code disruption} is set. It replaces the
 * standalone {@code pod-disruption-budgets} step under the same id.
 *
 * <ul>
 *   <li><b>emits</b>: policy/v1 PodDisruptionBudget {@code
 *       ResourceNames.jobManagerDisruptionBudget()} with the JobManager's common labels, {@code
 *       maxUnavailable} = {@code disruption.jobManagerMaxUnavailable} and {@code
 *       selector.matchLabels} = the labels Flink's native mode puts on the JobManager pods ({@code
 *       flink-kubernetes}' {@code Constants}): {@code app} = the cluster id, which the operator
 *       sets to the resource's name, {@code component: jobmanager}, {@code type:
 *       flink-native-kubernetes}. The pods belong to a Deployment, so Kubernetes can count {@code
 *       maxUnavailable} against its replicas;
 *   <li><b>advises</b> instead of a TaskManager budget, at {@code
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

    /** The {@value #COMPONENT_LABEL} label's value on native-mode JobManager pods. */
    public static final String JOB_MANAGER_COMPONENT = "jobmanager";

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
            out = out.withResource(jobManagerBudget(ctx, d.jobManagerMaxUnavailable()));
        }
        if (d.taskManagerMaxUnavailable() != null) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    "disruption.taskManagerMaxUnavailable",
                                    "no budget is rendered with target operator: native-mode"
                                            + " TaskManager pods are owned by the JobManager"
                                            + " Deployment, so Kubernetes would count"
                                            + " maxUnavailable against the JobManager's replicas"
                                            + " and let a drain evict every TaskManager at once"));
        }
        return out;
    }

    private static PodDisruptionBudget jobManagerBudget(RenderContext ctx, String maxUnavailable) {
        Map<String, String> selector = new TreeMap<>();
        selector.put(APP_LABEL, ctx.names().flinkDeployment());
        selector.put(COMPONENT_LABEL, JOB_MANAGER_COMPONENT);
        selector.put(TYPE_LABEL, NATIVE_TYPE);
        return new PodDisruptionBudgetBuilder()
                .withMetadata(
                        new ObjectMetaBuilder()
                                .withName(ctx.names().jobManagerDisruptionBudget())
                                .withNamespace(ctx.spec().namespace())
                                .withLabels(ctx.labels().common(Component.JOB_MANAGER))
                                .withAnnotations(new TreeMap<>(ctx.spec().annotations()))
                                .build())
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withMaxUnavailable(amount(maxUnavailable))
                .endSpec()
                .build();
    }

    /** {@code 1} as a number, {@code 25%} as a string, as the API server stores them. */
    private static IntOrString amount(String value) {
        String v = value.trim();
        return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
    }
}
