package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** Which high-availability services the JobManager uses. */
public enum HighAvailabilityType {
    /**
     * No HA: a JobManager restart loses running jobs' progress beyond the last externalised
     * checkpoint.
     */
    NONE,
    /**
     * Kubernetes HA: leader election and job metadata in ConfigMaps, state handles in the storage
     * dir.
     */
    KUBERNETES;

    /** The spelling used in YAML and JSON, e.g. {@code kubernetes}. */
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
    public static HighAvailabilityType fromWireValue(String text) {
        return WireValues.parse(HighAvailabilityType.class, text, HighAvailabilityType::wireValue);
    }
}
