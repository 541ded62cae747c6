package io.flinkk8s.sdk.core.spec.operator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * How the Flink Kubernetes Operator runs the cluster ({@code FlinkDeployment.spec.mode}); it cannot
 * change once the deployment exists.
 */
public enum OperatorMode {
    /**
     * Flink's native Kubernetes integration: the JobManager starts the TaskManager pods the job
     * needs. The operator's default.
     */
    NATIVE,
    /**
     * Flink's standalone Kubernetes integration: the operator creates a JobManager and a
     * TaskManager Deployment, which can be scaled from outside (reactive mode, an HPA).
     */
    STANDALONE;

    /** The spelling used in YAML and JSON, e.g. {@code native}. */
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
    public static OperatorMode fromWireValue(String text) {
        return WireValues.parse(OperatorMode.class, text, OperatorMode::wireValue);
    }
}
