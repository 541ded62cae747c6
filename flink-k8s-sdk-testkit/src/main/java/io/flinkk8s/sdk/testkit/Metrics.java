package io.flinkk8s.sdk.testkit;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource metrics the test sets and the HPA controller reads, standing in for metrics-server: the
 * average utilization (percent of requests) of a scale target's pods. Thread-safe.
 */
public final class Metrics {

    private final Map<String, Integer> utilization = new ConcurrentHashMap<>();

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

    private static String key(String namespace, String target, String resource) {
        return namespace + "/" + target + "/" + resource;
    }
}
