package io.flinkk8s.sdk.core.spec.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * Which of Flink's two S3 filesystem plugins serves {@code s3://} directories. {@code s3p://} is
 * always Presto's and {@code s3a://} always Hadoop's.
 */
public enum S3Plugin {
    /**
     * {@code flink-s3-fs-presto}: what Flink's documentation recommends for checkpoints and
     * savepoints; the default.
     */
    PRESTO,
    /** {@code flink-s3-fs-hadoop}: needed for the FileSink, also serves checkpoints. */
    HADOOP;

    /** The spelling used in YAML and JSON, e.g. {@code presto}. */
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
    public static S3Plugin fromWireValue(String text) {
        return WireValues.parse(S3Plugin.class, text, S3Plugin::wireValue);
    }

    /** The jar's name without version, e.g. {@code flink-s3-fs-presto}. */
    public String artifact() {
        return "flink-s3-fs-" + wireValue();
    }
}
