package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * Which of several {@link ScalingPolicy}s limits a scaling step, as Kubernetes' {@code
 * selectPolicy}.
 */
public enum SelectPolicy {
    /** The policy that allows the biggest change. */
    MAX("Max"),
    /** The policy that allows the smallest change. */
    MIN("Min"),
    /** No scaling in this direction at all. */
    DISABLED("Disabled");

    private final String kubernetesValue;

    SelectPolicy(String kubernetesValue) {
        this.kubernetesValue = kubernetesValue;
    }

    /** The spelling Kubernetes uses, e.g. {@code Max}. */
    public String kubernetesValue() {
        return kubernetesValue;
    }

    /** The spelling used in YAML and JSON, e.g. {@code max}. */
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
    public static SelectPolicy fromWireValue(String text) {
        return WireValues.parse(SelectPolicy.class, text, SelectPolicy::wireValue);
    }
}
