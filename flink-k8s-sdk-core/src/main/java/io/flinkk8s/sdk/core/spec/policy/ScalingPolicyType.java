package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** What the value of a {@link ScalingPolicy} counts, as Kubernetes' {@code HPAScalingPolicy}. */
public enum ScalingPolicyType {
    /** A number of pods (TaskManagers) per period. */
    PODS("Pods"),
    /** A percentage of the current replicas per period. */
    PERCENT("Percent");

    private final String kubernetesValue;

    ScalingPolicyType(String kubernetesValue) {
        this.kubernetesValue = kubernetesValue;
    }

    /** The spelling Kubernetes uses, e.g. {@code Pods}. */
    public String kubernetesValue() {
        return kubernetesValue;
    }

    /** The spelling used in YAML and JSON, e.g. {@code pods}. */
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
    public static ScalingPolicyType fromWireValue(String text) {
        return WireValues.parse(ScalingPolicyType.class, text, ScalingPolicyType::wireValue);
    }
}
