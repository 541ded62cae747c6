package io.flinkk8s.sdk.core.spec.policy;

import io.flinkk8s.sdk.core.internal.Copies;
import java.util.Map;

/**
 * A custom or external metric the HPA scales the TaskManagers on, rendered as an autoscaling/v2
 * {@code MetricSpec}: e.g. Flink's {@code busyTimeMsPerSecond} per TaskManager pod (type {@code
 * pods}, through a custom metrics adapter), or a Kafka consumer group's lag (type {@code
 * external}). The HPA proposes {@code ceil(current × value / target)} TaskManagers for it.
 *
 * @param type pods or external; required
 * @param name the metric's name in the metrics API; required
 * @param selector may be empty: the metric's labels to match ({@code metric.selector.matchLabels})
 * @param targetAverageValue the target per TaskManager, a Kubernetes quantity ({@code 800}, {@code
 *     500m}); required for {@code pods}, one of the two targets for {@code external}
 * @param targetValue the target of the metric's total value, a Kubernetes quantity; only for {@code
 *     external}
 */
public record MetricSignal(
        MetricSourceType type,
        String name,
        Map<String, String> selector,
        String targetAverageValue,
        String targetValue) {

    /** Normalises: a sorted copy of {@code selector}, null becomes empty. */
    public MetricSignal {
        selector = Copies.sortedMap(selector);
    }

    /** A metric of the TaskManager pods, with a target average per pod. */
    public static MetricSignal pods(String name, String targetAverageValue) {
        return new MetricSignal(MetricSourceType.PODS, name, Map.of(), targetAverageValue, null);
    }

    /** An external metric, with a target for its total value, e.g. a consumer lag. */
    public static MetricSignal external(
            String name, Map<String, String> selector, String targetValue) {
        return new MetricSignal(MetricSourceType.EXTERNAL, name, selector, null, targetValue);
    }
}
