package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * How a running job is moved to a new spec; the values and their meaning match the Flink Kubernetes
 * Operator's {@code upgradeMode}.
 */
public enum UpgradeMode {
    /** Redeploy; the new job starts with empty state. */
    STATELESS,
    /**
     * Stop with a savepoint, then start the new job from it; the old job keeps running if the
     * savepoint fails.
     */
    SAVEPOINT,
    /** Redeploy and recover from the latest checkpoint through Kubernetes HA metadata; needs HA. */
    LAST_STATE;

    /** The spelling used in YAML and JSON, e.g. {@code last-state}. */
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
    public static UpgradeMode fromWireValue(String text) {
        return WireValues.parse(UpgradeMode.class, text, UpgradeMode::wireValue);
    }
}
