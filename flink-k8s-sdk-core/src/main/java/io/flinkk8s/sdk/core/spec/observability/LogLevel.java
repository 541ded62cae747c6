package io.flinkk8s.sdk.core.spec.observability;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** A log4j level, spelled as log4j spells it. */
public enum LogLevel {
    /** Everything. */
    TRACE("TRACE"),
    /** Details for debugging. */
    DEBUG("DEBUG"),
    /** Flink's default. */
    INFO("INFO"),
    /** Warnings and errors. */
    WARN("WARN"),
    /** Errors only. */
    ERROR("ERROR"),
    /** Nothing. */
    OFF("OFF");

    private final String wireValue;

    LogLevel(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The log4j spelling, e.g. {@code WARN}. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /**
     * Reads the level, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static LogLevel fromWireValue(String text) {
        return WireValues.parse(LogLevel.class, text, LogLevel::wireValue);
    }
}
