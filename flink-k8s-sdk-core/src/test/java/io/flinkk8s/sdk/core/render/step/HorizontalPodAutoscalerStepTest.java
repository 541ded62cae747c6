package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerStepTest {

    private final HorizontalPodAutoscalerStep step = new HorizontalPodAutoscalerStep();

    private HorizontalPodAutoscaler hpa(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        Rendering out =
                step.apply(ctx, RenderFixtures.inputFor(HorizontalPodAutoscalerStep.ID, ctx));
        return (HorizontalPodAutoscaler)
                out.resource(
                                new ResourceKey(
                                        "HorizontalPodAutoscaler",
                                        ctx.names().taskManagerAutoscaler()))
                        .orElseThrow();
    }

    @Test
    void scalesTheTaskManagerDeploymentBetweenTheBounds() {
        FlinkDeploymentSpec spec = RenderFixtures.autoscaledApplication();
        RenderContext ctx = RenderFixtures.context(spec);

        HorizontalPodAutoscaler hpa = hpa(spec);

        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getMetadata().getName()).isEqualTo("clicks-taskmanager");
        assertThat(hpa.getMetadata().getLabels())
                .isEqualTo(ctx.labels().common(Component.TASK_MANAGER));
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(ctx.names().taskManagerDeployment());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
    }

    @Test
    void rendersCpuThenPodsThenExternalMetricsWithTheirTargets() {
        List<MetricSpec> metrics =
                hpa(RenderFixtures.autoscaledApplication()).getSpec().getMetrics();

        assertThat(metrics)
                .extracting(MetricSpec::getType)
                .containsExactly("Resource", "Pods", "External");
        assertThat(metrics.get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(metrics.get(0).getResource().getTarget().getType()).isEqualTo("Utilization");
        assertThat(metrics.get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(75);
        assertThat(metrics.get(1).getPods().getMetric().getName())
                .isEqualTo("flink_taskmanager_busy_time_ms");
        assertThat(metrics.get(1).getPods().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metrics.get(1).getPods().getTarget().getAverageValue())
                .isEqualTo(new Quantity("800"));
        assertThat(metrics.get(2).getExternal().getMetric().getSelector().getMatchLabels())
                .isEqualTo(Map.of("consumergroup", "clicks"));
        assertThat(metrics.get(2).getExternal().getTarget().getType()).isEqualTo("Value");
        assertThat(metrics.get(2).getExternal().getTarget().getValue())
                .isEqualTo(new Quantity("10k"));
    }

    @Test
    void memoryAndAverageExternalTargetsAreRenderedInTheServersCanonicalForm() {
        AutoscalingPolicy policy =
                new AutoscalingPolicy(
                        null,
                        1,
                        3,
                        null,
                        null,
                        null,
                        60,
                        List.of(
                                new MetricSignal(
                                        io.flinkk8s.sdk.core.spec.policy.MetricSourceType.EXTERNAL,
                                        "lag",
                                        null,
                                        "1.5",
                                        null)),
                        null,
                        null,
                        null,
                        null);
        FlinkDeploymentSpec spec = RenderFixtures.autoscaledApplication().withAutoscaling(policy);

        List<MetricSpec> metrics = hpa(spec).getSpec().getMetrics();

        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0).getResource().getName()).isEqualTo("memory");
        assertThat(metrics.get(1).getExternal().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metrics.get(1).getExternal().getTarget().getAverageValue())
                .isEqualTo(new Quantity("1500m"));
        assertThat(metrics.get(1).getExternal().getMetric().getSelector()).isNull();
    }

    @Test
    void rendersTheBehaviourOfBothDirections() {
        var behavior = hpa(RenderFixtures.autoscaledApplication()).getSpec().getBehavior();

        assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(behavior.getScaleUp().getSelectPolicy()).isEqualTo("Min");
        assertThat(behavior.getScaleUp().getPolicies())
                .extracting(
                        HPAScalingPolicy::getType,
                        HPAScalingPolicy::getValue,
                        HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Pods", 2, 60), tuple("Percent", 50, 60));
        // the defaults: slow scale-down
        assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(600);
        assertThat(behavior.getScaleDown().getSelectPolicy()).isEqualTo("Max");
        assertThat(behavior.getScaleDown().getPolicies())
                .extracting(
                        HPAScalingPolicy::getType,
                        HPAScalingPolicy::getValue,
                        HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Pods", 1, 300));
    }

    @Test
    void appliesOnlyWithTheHpaReactiveStrategy() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.autoscaledApplication())))
                .isTrue();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.statefulHaApplication())))
                .isFalse();
    }
}
