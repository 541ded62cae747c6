package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * What the spec is rendered into: plain Kubernetes objects, or Flink Kubernetes Operator custom
 * resources.
 */
public enum RenderTarget {
    /** Plain Kubernetes objects: ConfigMap, Deployments, Services and friends. */
    STANDALONE,
    /**
     * {@code FlinkDeployment} / {@code FlinkSessionJob} custom resources for the Flink Kubernetes
     * Operator.
     */
    OPERATOR;

    /** The spelling used in YAML and JSON, e.g. {@code standalone}. */
    @JsonValue
    public String wireValue() {
        return WireValues.kebab(this);
    }

    /**
     * Reads the wire value or the constant name, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static RenderTarget fromWireValue(String text) {
        return WireValues.parse(RenderTarget.class, text, RenderTarget::wireValue);
    }
}
