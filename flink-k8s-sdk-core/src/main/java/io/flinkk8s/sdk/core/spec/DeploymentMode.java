package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** Whether the cluster runs one job (application mode) or accepts submitted jobs (session mode). */
public enum DeploymentMode {
    /** A cluster dedicated to the one job in {@code job}; the job starts with the JobManager. */
    APPLICATION,
    /** A long-running cluster that accepts jobs submitted later; it has no {@code job}. */
    SESSION;

    /** The spelling used in YAML and JSON, e.g. {@code application}. */
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
    public static DeploymentMode fromWireValue(String text) {
        return WireValues.parse(DeploymentMode.class, text, DeploymentMode::wireValue);
    }
}
