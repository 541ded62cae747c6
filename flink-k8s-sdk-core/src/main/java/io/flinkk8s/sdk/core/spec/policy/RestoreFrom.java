package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** What a restarted job may start from: {@link RestorePolicy#from()}. */
public enum RestoreFrom {
    /**
     * The latest savepoint only: the one a savepoint upgrade or a suspension takes, or the latest
     * one the SDK recorded when no savepoint can be taken. The default unless the upgrade mode is
     * {@code last-state}.
     */
    LATEST_SAVEPOINT,
    /**
     * The latest savepoint or the latest completed checkpoint, whichever is newer (checkpoints from
     * Flink's checkpoint statistics). The default, and the only choice, with upgrade mode {@code
     * last-state}, where Flink recovers the latest checkpoint from its HA data.
     */
    LATEST_CHECKPOINT_OR_SAVEPOINT,
    /**
     * No state: every restart starts the job empty. A savepoint upgrade still stops the job with a
     * savepoint, which stays in the savepoint history for a start by hand.
     */
    NONE;

    /** The spelling used in YAML and JSON, e.g. {@code latest-savepoint}. */
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
    public static RestoreFrom fromWireValue(String text) {
        return WireValues.parse(RestoreFrom.class, text, RestoreFrom::wireValue);
    }
}
