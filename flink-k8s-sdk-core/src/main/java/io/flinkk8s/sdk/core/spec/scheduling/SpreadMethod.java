package io.flinkk8s.sdk.core.spec.scheduling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** How a {@link TaskManagerSpread} keeps TaskManagers apart. */
public enum SpreadMethod {
    /**
     * A topology spread constraint: at most {@code maxSkew} more TaskManagers in one domain than in
     * another, {@code whenUnsatisfiable} deciding whether that blocks scheduling; the default.
     */
    SPREAD_CONSTRAINT,
    /** Preferred pod anti-affinity: the scheduler avoids a second TaskManager in a domain. */
    PREFERRED_ANTI_AFFINITY,
    /**
     * Required pod anti-affinity: at most one TaskManager per domain; more TaskManagers than
     * domains stay Pending.
     */
    REQUIRED_ANTI_AFFINITY;

    /** The spelling used in YAML and JSON, e.g. {@code spread-constraint}. */
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
    public static SpreadMethod fromWireValue(String text) {
        return WireValues.parse(SpreadMethod.class, text, SpreadMethod::wireValue);
    }
}
