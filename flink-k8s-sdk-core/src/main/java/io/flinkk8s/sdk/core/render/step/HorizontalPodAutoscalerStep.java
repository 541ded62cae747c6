package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import io.flinkk8s.sdk.core.internal.Canonicalizer;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.MetricSignal;
import io.flinkk8s.sdk.core.spec.MetricSourceType;
import io.flinkk8s.sdk.core.spec.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.ScalingRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The HorizontalPodAutoscaler of the {@code hpa-reactive} autoscaling strategy, which scales the
 * TaskManager Deployment; {@link ReactiveModeStep} makes the job follow the TaskManagers it gets.
 *
 * <ul>
 *   <li><b>emits</b>: autoscaling/v2 HorizontalPodAutoscaler {@code
 *       ResourceNames.taskManagerAutoscaler()}, with the TaskManager component's common labels and
 *       <ul>
 *         <li>{@code scaleTargetRef} = apps/v1 Deployment {@code
 *             ResourceNames.taskManagerDeployment()};
 *         <li>{@code minReplicas} / {@code maxReplicas} = {@code minTaskManagers} / {@code
 *             maxTaskManagers};
 *         <li>{@code metrics}, in this order: Resource {@code cpu} and {@code memory} with an
 *             {@code Utilization} target, when set; then each {@code metrics} entry as a {@code
 *             Pods} metric ({@code AverageValue} target) or an {@code External} metric ({@code
 *             Value} or {@code AverageValue} target), with its selector; quantities in the
 *             canonical form the API server stores, so a re-apply changes nothing;
 *         <li>{@code behavior.scaleUp} / {@code scaleDown} = {@code stabilizationWindowSeconds},
 *             {@code policies} ({@code Pods} / {@code Percent}, {@code value}, {@code
 *             periodSeconds}) and {@code selectPolicy} of {@code scaleUp} / {@code scaleDown};
 *       </ul>
 *       While the job is suspended the TaskManager Deployment has 0 replicas, and an HPA does not
 *       scale a target at 0: the HPA stays and resumes with the job;
 *   <li><b>overwrites / merges</b>: nothing; {@link TaskManagerDeploymentStep} leaves the
 *       Deployment's replicas to the HPA.
 * </ul>
 */
public final class HorizontalPodAutoscalerStep implements RenderStep {

    /** {@code horizontal-pod-autoscaler}. */
    public static final StepId ID = StepId.of("horizontal-pod-autoscaler");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with autoscaling strategy {@code hpa-reactive}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ReactiveModeStep.usesHpaReactive(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        AutoscalingPolicy a = ctx.spec().autoscaling();
        HorizontalPodAutoscaler hpa =
                new HorizontalPodAutoscalerBuilder()
                        .withMetadata(
                                StepSupport.metadata(
                                        ctx,
                                        ctx.names().taskManagerAutoscaler(),
                                        Component.TASK_MANAGER))
                        .withNewSpec()
                        .withNewScaleTargetRef()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName(ctx.names().taskManagerDeployment())
                        .endScaleTargetRef()
                        .withMinReplicas(a.minTaskManagers())
                        .withMaxReplicas(a.maxTaskManagers())
                        .withMetrics(metrics(a))
                        .withNewBehavior()
                        .withScaleUp(rules(a.scaleUp()))
                        .withScaleDown(rules(a.scaleDown()))
                        .endBehavior()
                        .endSpec()
                        .build();
        return in.withAdoptedResource(hpa);
    }

    private static List<MetricSpec> metrics(AutoscalingPolicy a) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (a.targetCpuUtilization() != null) {
            metrics.add(resource("cpu", a.targetCpuUtilization()));
        }
        if (a.targetMemoryUtilization() != null) {
            metrics.add(resource("memory", a.targetMemoryUtilization()));
        }
        a.metrics().forEach(m -> metrics.add(metric(m)));
        return metrics;
    }

    private static MetricSpec resource(String name, int utilization) {
        return new MetricSpecBuilder()
                .withType("Resource")
                .withNewResource()
                .withName(name)
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(utilization)
                .endTarget()
                .endResource()
                .build();
    }

    private static MetricSpec metric(MetricSignal m) {
        MetricTarget target =
                m.targetValue() != null
                        ? new MetricTargetBuilder()
                                .withType("Value")
                                .withValue(quantity(m.targetValue()))
                                .build()
                        : new MetricTargetBuilder()
                                .withType("AverageValue")
                                .withAverageValue(quantity(m.targetAverageValue()))
                                .build();
        MetricSpecBuilder b = new MetricSpecBuilder().withType(m.type().kubernetesValue());
        if (m.type() == MetricSourceType.PODS) {
            return b.withNewPods()
                    .withNewMetric()
                    .withName(m.name())
                    .withSelector(selector(m))
                    .endMetric()
                    .withTarget(target)
                    .endPods()
                    .build();
        }
        return b.withNewExternal()
                .withNewMetric()
                .withName(m.name())
                .withSelector(selector(m))
                .endMetric()
                .withTarget(target)
                .endExternal()
                .build();
    }

    private static LabelSelector selector(MetricSignal m) {
        return m.selector().isEmpty()
                ? null
                : new LabelSelectorBuilder().withMatchLabels(m.selector()).build();
    }

    private static HPAScalingRules rules(ScalingRules r) {
        List<HPAScalingPolicy> policies = new ArrayList<>();
        for (ScalingPolicy p : r.policies()) {
            policies.add(
                    new HPAScalingPolicyBuilder()
                            .withType(p.type().kubernetesValue())
                            .withValue(p.value())
                            .withPeriodSeconds(Math.toIntExact(p.period().toSeconds()))
                            .build());
        }
        return new HPAScalingRulesBuilder()
                .withStabilizationWindowSeconds(
                        r.stabilizationWindow() == null
                                ? null
                                : Math.toIntExact(r.stabilizationWindow().toSeconds()))
                .withPolicies(policies)
                .withSelectPolicy(
                        r.selectPolicy() == null ? null : r.selectPolicy().kubernetesValue())
                .build();
    }

    private static Quantity quantity(String text) {
        return Canonicalizer.canonical(Quantities.parse(text));
    }
}
