package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** How a {@link ProbeSpec} checks the container, as the handler of a Kubernetes probe. */
public enum ProbeType {
    /** An HTTP GET of {@code path} on {@code port}; 2xx and 3xx answers pass. */
    HTTP_GET,
    /** A TCP connection to {@code port}; an accepted connection passes. */
    TCP_SOCKET,
    /** {@code command} run in the container; exit code 0 passes. */
    EXEC;

    /** The spelling used in YAML and JSON, e.g. {@code http-get}. */
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
    public static ProbeType fromWireValue(String text) {
        return WireValues.parse(ProbeType.class, text, ProbeType::wireValue);
    }
}
