package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * What a restart does when the state it would start from is older than {@link
 * RestorePolicy#maxAge()}: {@link RestorePolicy#whenTooOld()}.
 */
public enum StaleStateAction {
    /**
     * Refuse the restart before anything is written: an upgrade leaves the old job as it is, a
     * resume leaves the job suspended, and the error says which state was too old. The default.
     */
    REFUSE,
    /**
     * Start the job without state, and say so in the plan. Only when set explicitly: the job's
     * state is not used (it stays in the savepoint history).
     */
    START_WITHOUT_STATE;

    /** The spelling used in YAML and JSON, e.g. {@code start-without-state}. */
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
    public static StaleStateAction fromWireValue(String text) {
        return WireValues.parse(StaleStateAction.class, text, StaleStateAction::wireValue);
    }
}
