package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** Where the value of a {@link MetricSignal} comes from, as Kubernetes' {@code MetricSpec.type}. */
public enum MetricSourceType {
    /**
     * A metric of the TaskManager pods themselves, averaged over them (custom metrics API), e.g.
     * Flink's {@code busyTimeMsPerSecond} exported by a metrics adapter.
     */
    PODS("Pods"),
    /**
     * A metric of something outside the cluster's objects (external metrics API), e.g. a Kafka
     * consumer group's lag.
     */
    EXTERNAL("External");

    private final String kubernetesValue;

    MetricSourceType(String kubernetesValue) {
        this.kubernetesValue = kubernetesValue;
    }

    /** The spelling Kubernetes uses, e.g. {@code External}. */
    public String kubernetesValue() {
        return kubernetesValue;
    }

    /** The spelling used in YAML and JSON, e.g. {@code external}. */
    @JsonValue
    public String wireValue() {
        return WireValues.kebab(this);
    }

    /**
     * Reads the wire value or Kubernetes' spelling, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static MetricSourceType fromWireValue(String text) {
        return WireValues.parse(MetricSourceType.class, text, MetricSourceType::wireValue);
    }
}
