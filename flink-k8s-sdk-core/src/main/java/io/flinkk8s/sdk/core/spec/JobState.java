package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** The desired state of the job, as the Flink Kubernetes Operator's {@code job.state}. */
public enum JobState {
    /** The job should run. */
    RUNNING,
    /** The job should be stopped with a savepoint, keeping its configuration and state. */
    SUSPENDED;

    /** The spelling used in YAML and JSON, e.g. {@code suspended}. */
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
    public static JobState fromWireValue(String text) {
        return WireValues.parse(JobState.class, text, JobState::wireValue);
    }
}
