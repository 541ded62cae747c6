package io.flinkk8s.sdk.testkit;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics the test sets and the HPA controller reads, standing in for metrics-server and the custom
 * and external metrics APIs: the average utilization (percent of requests) of a scale target's
 * pods, the average value of a custom metric over a scale target's pods, and the value of an
 * external metric. Thread-safe.
 */
public final class Metrics {

    private final Map<String, Integer> utilization = new ConcurrentHashMap<>();
    private final Map<String, Double> podsMetrics = new ConcurrentHashMap<>();
    private final Map<String, Double> externalMetrics = new ConcurrentHashMap<>();

    Metrics() {}

    /** Sets the average CPU utilization, in percent of requests, of the pods of {@code target}. */
    public void setCpuUtilization(String namespace, String target, int percent) {
        setUtilization(namespace, target, "cpu", percent);
    }

    /**
     * Sets the average memory utilization, in percent of requests, of the pods of {@code target}.
     */
    public void setMemoryUtilization(String namespace, String target, int percent) {
        setUtilization(namespace, target, "memory", percent);
    }

    /**
     * Sets the average utilization of a resource ({@code cpu}, {@code memory}) of a scale target's
     * pods.
     */
    public void setUtilization(String namespace, String target, String resource, int percent) {
        if (percent < 0) {
            throw new IllegalArgumentException("utilization must be >= 0, was " + percent);
        }
        utilization.put(key(namespace, target, resource), percent);
    }

    /** Removes a metric, as when metrics-server has no sample. */
    public void clear(String namespace, String target, String resource) {
        utilization.remove(key(namespace, target, resource));
    }

    /** The utilization last set, or empty when none was set. */
    public OptionalInt utilization(String namespace, String target, String resource) {
        Integer value = utilization.get(key(namespace, target, resource));
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * Sets the average value over the pods of {@code target} of the custom metric {@code metric},
     * what an HPA's {@code Pods} metric reads (e.g. Flink's busy time per TaskManager).
     */
    public void setPodsMetric(String namespace, String target, String metric, double averageValue) {
        podsMetrics.put(key(namespace, target, metric), averageValue);
    }

    /** The average last set for a custom pods metric, or empty when none was set. */
    public OptionalDouble podsMetric(String namespace, String target, String metric) {
        Double value = podsMetrics.get(key(namespace, target, metric));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * Sets the value of the external metric {@code metric} as seen from {@code namespace}, what an
     * HPA's {@code External} metric reads (e.g. a Kafka consumer group's lag); selectors are not
     * told apart.
     */
    public void setExternalMetric(String namespace, String metric, double value) {
        externalMetrics.put(namespace + "/" + metric, value);
    }

    /** The value last set for an external metric, or empty when none was set. */
    public OptionalDouble externalMetric(String namespace, String metric) {
        Double value = externalMetrics.get(namespace + "/" + metric);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static String key(String namespace, String target, String resource) {
        return namespace + "/" + target + "/" + resource;
    }
}
