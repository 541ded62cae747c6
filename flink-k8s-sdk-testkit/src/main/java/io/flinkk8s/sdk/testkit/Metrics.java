package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics the test sets and the HPA controller reads, standing in for metrics-server and the custom
 * and external metrics APIs. Thread-safe.
 *
 * <p>Two grains, as Kubernetes' metric APIs serve them per pod:
 *
 * <ul>
 *   <li>per scale target: {@link #setCpuUtilization} (every pod of the target uses that percentage
 *       of its request) and {@link #setPodsMetric} (every pod reports that value);
 *   <li>per pod: {@link #setPodUsage} (a pod's resource usage, e.g. {@code 500m} of CPU) and {@link
 *       #setPodMetric} (a pod's custom metric). A per-pod value wins over its target's value.
 * </ul>
 *
 * <p>A pod with neither has no sample: the HPA treats it as Kubernetes treats a pod missing from
 * the metrics API (as using 100% of its target on a scale-down, 0% on a scale-up). Samples are
 * taken at each HPA sync over a 15-second window (metrics-server's default resolution), so that a
 * pod which became ready less than 15 s ago, within its first 5 minutes, does not count for CPU,
 * nor does a pod that is not ready: that is the controller's readiness rule, not something to set
 * here. External metrics have one value per namespace and name.
 */
public final class Metrics {

    private final Map<String, Integer> utilization = new ConcurrentHashMap<>();
    private final Map<String, Double> podsMetrics = new ConcurrentHashMap<>();
    private final Map<String, Double> externalMetrics = new ConcurrentHashMap<>();
    private final Map<String, Quantity> podUsage = new ConcurrentHashMap<>();
    private final Map<String, Double> podMetrics = new ConcurrentHashMap<>();

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
     * Sets the utilization of a resource ({@code cpu}, {@code memory}) of every pod of a scale
     * target: each pod uses {@code percent} of its request.
     */
    public void setUtilization(String namespace, String target, String resource, int percent) {
        if (percent < 0) {
            throw new IllegalArgumentException("utilization must be >= 0, was " + percent);
        }
        utilization.put(key(namespace, target, resource), percent);
    }

    /** Removes a target's utilization, as when metrics-server has no sample of its pods. */
    public void clear(String namespace, String target, String resource) {
        utilization.remove(key(namespace, target, resource));
    }

    /** The utilization last set for a scale target, or empty when none was set. */
    public OptionalInt utilization(String namespace, String target, String resource) {
        Integer value = utilization.get(key(namespace, target, resource));
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * Sets the value every pod of {@code target} reports for the custom metric {@code metric}, what
     * an HPA's {@code Pods} metric reads (e.g. Flink's busy time per TaskManager).
     */
    public void setPodsMetric(String namespace, String target, String metric, double averageValue) {
        podsMetrics.put(key(namespace, target, metric), averageValue);
    }

    /** The value last set for a target's custom pods metric, or empty when none was set. */
    public OptionalDouble podsMetric(String namespace, String target, String metric) {
        Double value = podsMetrics.get(key(namespace, target, metric));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * Sets one pod's usage of a resource, as metrics-server reports it summed over the pod's
     * containers: {@code new Quantity("500m")} of {@code cpu}, {@code new Quantity("1Gi")} of
     * {@code memory}. The HPA divides the pods' total usage by their total requests.
     *
     * @throws IllegalArgumentException if the usage is negative
     */
    public void setPodUsage(String namespace, String pod, String resource, Quantity usage) {
        if (usage.getNumericalAmount().signum() < 0) {
            throw new IllegalArgumentException(
                    "usage of " + resource + " by pod " + pod + " must be >= 0, was " + usage);
        }
        podUsage.put(key(namespace, pod, resource), usage);
    }

    /** A pod's resource usage last set, or empty when none was set. */
    public Optional<Quantity> podUsage(String namespace, String pod, String resource) {
        return Optional.ofNullable(podUsage.get(key(namespace, pod, resource)));
    }

    /** Sets the value one pod reports for the custom metric {@code metric}. */
    public void setPodMetric(String namespace, String pod, String metric, double value) {
        podMetrics.put(key(namespace, pod, metric), value);
    }

    /** A pod's custom metric last set, or empty when none was set. */
    public OptionalDouble podMetric(String namespace, String pod, String metric) {
        Double value = podMetrics.get(key(namespace, pod, metric));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * Removes every per-pod sample of a pod (usage and custom metrics); its target's values, if
     * any, apply to it again.
     */
    public void clearPod(String namespace, String pod) {
        String prefix = namespace + "/" + pod + "/";
        podUsage.keySet().removeIf(k -> k.startsWith(prefix));
        podMetrics.keySet().removeIf(k -> k.startsWith(prefix));
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

    /** Removes an external metric, as when the external metrics API has no value for it. */
    public void clearExternalMetric(String namespace, String metric) {
        externalMetrics.remove(namespace + "/" + metric);
    }

    private static String key(String namespace, String target, String resource) {
        return namespace + "/" + target + "/" + resource;
    }
}
