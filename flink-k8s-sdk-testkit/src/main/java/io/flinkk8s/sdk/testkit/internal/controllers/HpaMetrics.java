package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.flinkk8s.sdk.testkit.internal.controllers.HpaReplicaCalculator.MetricException;
import io.flinkk8s.sdk.testkit.internal.controllers.HpaReplicaCalculator.Result;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric of an HPA: Kubernetes' computeReplicasForMetric, which turns a metric spec into a
 * proposal, the metric's status and its name in events ({@code cpu resource utilization (percentage
 * of request)}, {@code pods metric busy}, {@code external metric lag(nil)}), or into the failure
 * that becomes a {@code FailedGet<Kind>Metric} condition and event.
 */
final class HpaMetrics {

    /** A metric's proposal. */
    record Proposal(int replicas, MetricStatus status, String name) {}

    /** A metric that failed: the condition reason and the error text. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Failure(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private HpaMetrics() {}

    /** The API server's default when an HPA lists no metrics: CPU at 80% of requests. */
    static List<MetricSpec> specs(List<MetricSpec> given) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        return List.of(
                new MetricSpecBuilder()
                        .withType("Resource")
                        .withNewResource()
                        .withName("cpu")
                        .withNewTarget()
                        .withType("Utilization")
                        .withAverageUtilization(80)
                        .endTarget()
                        .endResource()
                        .build());
    }

    static Proposal compute(
            HpaReplicaCalculator calculator, MetricSpec m, int specReplicas, int statusReplicas)
            throws Failure {
        String type = String.valueOf(m.getType());
        try {
            return switch (type) {
                case "Resource" -> resource(calculator, m, specReplicas);
                case "Pods" -> pods(calculator, m, specReplicas);
                case "External" -> external(calculator, m, specReplicas, statusReplicas);
                case "Object", "ContainerResource" ->
                        throw new Failure(
                                "FailedGet" + type + "Metric",
                                "unable to get "
                                        + type
                                        + " metric: the in-memory cluster serves no "
                                        + type
                                        + " metrics (set Resource, Pods or External ones through"
                                        + " cluster.metrics())");
                default ->
                        throw new Failure(
                                "InvalidMetricSourceType",
                                "unknown metric source type \"" + m.getType() + "\"");
            };
        } catch (MetricException e) {
            throw new Failure("FailedGet" + type + "Metric", e.getMessage());
        }
    }

    private static Proposal resource(HpaReplicaCalculator calculator, MetricSpec m, int current)
            throws MetricException, Failure {
        var source = m.getResource();
        String name = source == null ? "" : source.getName();
        var target = source == null ? null : source.getTarget();
        if (target != null && target.getAverageUtilization() != null) {
            Result r;
            try {
                r = calculator.resourceUtilization(current, target.getAverageUtilization(), name);
            } catch (MetricException e) {
                throw new MetricException(
                        "failed to get " + name + " utilization: " + e.getMessage());
            }
            MetricStatus status =
                    new MetricStatusBuilder()
                            .withType("Resource")
                            .withNewResource()
                            .withName(name)
                            .withNewCurrent()
                            .withAverageUtilization((int) r.current())
                            .withAverageValue(HpaReplicaCalculator.milliQuantity(r.rawAverage()))
                            .endCurrent()
                            .endResource()
                            .build();
            return new Proposal(
                    r.replicas(), status, name + " resource utilization (percentage of request)");
        }
        if (target != null && target.getAverageValue() != null) {
            Result r;
            try {
                r =
                        calculator.resourceAverage(
                                current,
                                HpaReplicaCalculator.milli(target.getAverageValue()),
                                name);
            } catch (MetricException e) {
                throw new MetricException("failed to get " + name + " usage: " + e.getMessage());
            }
            MetricStatus status =
                    new MetricStatusBuilder()
                            .withType("Resource")
                            .withNewResource()
                            .withName(name)
                            .withNewCurrent()
                            .withAverageValue(HpaReplicaCalculator.milliQuantity(r.current()))
                            .endCurrent()
                            .endResource()
                            .build();
            return new Proposal(r.replicas(), status, name + " resource");
        }
        throw new MetricException(
                "invalid resource metric source: neither a utilization target nor a value target"
                        + " was set");
    }

    private static Proposal pods(HpaReplicaCalculator calculator, MetricSpec m, int current)
            throws MetricException {
        var source = m.getPods();
        if (source == null
                || source.getTarget() == null
                || source.getTarget().getAverageValue() == null) {
            throw new MetricException(
                    "invalid pods metric source: no average value target was set");
        }
        String name = source.getMetric().getName();
        Result r;
        try {
            r =
                    calculator.podsMetric(
                            current,
                            HpaReplicaCalculator.milli(source.getTarget().getAverageValue()),
                            name);
        } catch (MetricException e) {
            throw new MetricException("failed to get pods metric value: " + e.getMessage());
        }
        MetricStatus status =
                new MetricStatusBuilder()
                        .withType("Pods")
                        .withNewPods()
                        .withNewMetric()
                        .withName(name)
                        .withSelector(source.getMetric().getSelector())
                        .endMetric()
                        .withNewCurrent()
                        .withAverageValue(HpaReplicaCalculator.milliQuantity(r.current()))
                        .endCurrent()
                        .endPods()
                        .build();
        return new Proposal(r.replicas(), status, "pods metric " + name);
    }

    private static Proposal external(
            HpaReplicaCalculator calculator, MetricSpec m, int specReplicas, int statusReplicas)
            throws MetricException {
        var source = m.getExternal();
        var target = source == null ? null : source.getTarget();
        String name = source == null ? "" : source.getMetric().getName();
        LabelSelector selector = source == null ? null : source.getMetric().getSelector();
        String label = "external metric " + name + "(" + goString(selector) + ")";
        if (target != null && target.getAverageValue() != null) {
            Result r =
                    calculator.externalAverageValue(
                            statusReplicas,
                            HpaReplicaCalculator.milli(target.getAverageValue()),
                            name);
            return new Proposal(
                    r.replicas(), externalStatus(name, selector, null, r.current()), label);
        }
        if (target != null && target.getValue() != null) {
            Result r =
                    calculator.externalValue(
                            specReplicas, HpaReplicaCalculator.milli(target.getValue()), name);
            return new Proposal(
                    r.replicas(), externalStatus(name, selector, r.current(), null), label);
        }
        throw new MetricException(
                "invalid external metric source: neither a value target nor an average value"
                        + " target was set");
    }

    private static MetricStatus externalStatus(
            String name, LabelSelector selector, Long value, Long average) {
        return new MetricStatusBuilder()
                .withType("External")
                .withNewExternal()
                .withNewMetric()
                .withName(name)
                .withSelector(selector)
                .endMetric()
                .withNewCurrent()
                .withValue(value == null ? null : HpaReplicaCalculator.milliQuantity(value))
                .withAverageValue(
                        average == null ? null : HpaReplicaCalculator.milliQuantity(average))
                .endCurrent()
                .endExternal()
                .build();
    }

    /** A label selector as Go's {@code %+v} prints the pointer the controller names it by. */
    static String goString(LabelSelector selector) {
        if (selector == null) {
            return "nil";
        }
        StringBuilder labels = new StringBuilder("map[string]string{");
        Map<String, String> sorted =
                new TreeMap<>(
                        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        sorted.forEach((k, v) -> labels.append(k).append(": ").append(v).append(","));
        labels.append('}');
        return "&LabelSelector{MatchLabels:"
                + labels
                + ",MatchExpressions:[]LabelSelectorRequirement{},}";
    }
}
