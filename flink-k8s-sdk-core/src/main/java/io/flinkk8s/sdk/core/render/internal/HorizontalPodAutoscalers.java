package io.flinkk8s.sdk.core.render.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.PodsMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.flinkk8s.sdk.core.internal.Canonicalizer;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.MetricSourceType;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The autoscaling/v2 HorizontalPodAutoscaler spec of an HPA autoscaling strategy, for any scale
 * target: the one mapping of bounds, signals and behaviour that both targets' HPA steps share.
 * Internal: not API, may change in any release.
 */
public final class HorizontalPodAutoscalers {

    private HorizontalPodAutoscalers() {}

    /**
     * The HPA spec for {@code a} on the scale target {@code apiVersion} {@code kind} {@code name}:
     *
     * <ul>
     *   <li>{@code minReplicas} / {@code maxReplicas} = {@code minTaskManagers} / {@code
     *       maxTaskManagers};
     *   <li>{@code metrics}, in this order: Resource {@code cpu} and {@code memory} with an {@code
     *       Utilization} target, when set; then each {@code metrics} entry as a {@code Pods} metric
     *       ({@code AverageValue} target) or an {@code External} metric ({@code Value} or {@code
     *       AverageValue} target), with its selector; quantities in the canonical form the API
     *       server stores, so a re-apply changes nothing;
     *   <li>{@code behavior.scaleUp} / {@code scaleDown} = {@code stabilizationWindowSeconds},
     *       {@code policies} ({@code Pods} / {@code Percent}, {@code value}, {@code periodSeconds})
     *       and {@code selectPolicy} of {@code scaleUp} / {@code scaleDown}.
     * </ul>
     */
    public static HorizontalPodAutoscalerSpec spec(
            AutoscalingPolicy a, String apiVersion, String kind, String name) {
        // Built from model classes, as the render steps build their objects: fabric8's builders
        // cost more than these objects (a tenth of a headline render), and every object here is
        // new.
        CrossVersionObjectReference target = new CrossVersionObjectReference();
        target.setApiVersion(apiVersion);
        target.setKind(kind);
        target.setName(name);
        HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehavior();
        behavior.setScaleUp(rules(a.scaleUp()));
        behavior.setScaleDown(rules(a.scaleDown()));
        HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
        spec.setScaleTargetRef(target);
        spec.setMinReplicas(a.minTaskManagers());
        spec.setMaxReplicas(a.maxTaskManagers());
        spec.setMetrics(metrics(a));
        spec.setBehavior(behavior);
        return spec;
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
        MetricTarget target = new MetricTarget();
        target.setType("Utilization");
        target.setAverageUtilization(utilization);
        ResourceMetricSource source = new ResourceMetricSource();
        source.setName(name);
        source.setTarget(target);
        MetricSpec metric = new MetricSpec();
        metric.setType("Resource");
        metric.setResource(source);
        return metric;
    }

    private static MetricSpec metric(MetricSignal m) {
        MetricTarget target = new MetricTarget();
        if (m.targetValue() != null) {
            target.setType("Value");
            target.setValue(quantity(m.targetValue()));
        } else {
            target.setType("AverageValue");
            target.setAverageValue(quantity(m.targetAverageValue()));
        }
        MetricIdentifier identifier = new MetricIdentifier();
        identifier.setName(m.name());
        identifier.setSelector(selector(m));
        MetricSpec metric = new MetricSpec();
        metric.setType(m.type().kubernetesValue());
        if (m.type() == MetricSourceType.PODS) {
            PodsMetricSource source = new PodsMetricSource();
            source.setMetric(identifier);
            source.setTarget(target);
            metric.setPods(source);
        } else {
            ExternalMetricSource source = new ExternalMetricSource();
            source.setMetric(identifier);
            source.setTarget(target);
            metric.setExternal(source);
        }
        return metric;
    }

    private static LabelSelector selector(MetricSignal m) {
        if (m.selector().isEmpty()) {
            return null;
        }
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(m.selector()));
        return selector;
    }

    private static HPAScalingRules rules(ScalingRules r) {
        List<HPAScalingPolicy> policies = new ArrayList<>();
        for (ScalingPolicy p : r.policies()) {
            HPAScalingPolicy policy = new HPAScalingPolicy();
            policy.setType(p.type().kubernetesValue());
            policy.setValue(p.value());
            policy.setPeriodSeconds(Math.toIntExact(p.period().toSeconds()));
            policies.add(policy);
        }
        HPAScalingRules rules = new HPAScalingRules();
        rules.setStabilizationWindowSeconds(
                r.stabilizationWindow() == null
                        ? null
                        : Math.toIntExact(r.stabilizationWindow().toSeconds()));
        rules.setPolicies(policies);
        rules.setSelectPolicy(r.selectPolicy() == null ? null : r.selectPolicy().kubernetesValue());
        return rules;
    }

    private static Quantity quantity(String text) {
        return Canonicalizer.canonical(Quantities.parse(text));
    }
}
