package io.flinkk8s.sdk.core.spec.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** The kind of volume a {@link LocalStateSpec} mounts. */
public enum LocalVolumeType {
    /** An {@code emptyDir} on the node's disk, optionally with a size limit; the default. */
    EMPTY_DIR,
    /**
     * A generic ephemeral volume: a PersistentVolumeClaim of a storage class created with the pod
     * and deleted with it, e.g. a local NVMe class.
     */
    EPHEMERAL;

    /** The spelling used in YAML and JSON, e.g. {@code empty-dir}. */
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
    public static LocalVolumeType fromWireValue(String text) {
        return WireValues.parse(LocalVolumeType.class, text, LocalVolumeType::wireValue);
    }
}
