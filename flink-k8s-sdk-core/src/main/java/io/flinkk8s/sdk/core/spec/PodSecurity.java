package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** Which Kubernetes Pod Security Standard the rendered pods are built to pass. */
public enum PodSecurity {
    /**
     * The {@code restricted} standard: non-root, no privilege escalation, all capabilities dropped,
     * RuntimeDefault seccomp. The default.
     */
    RESTRICTED,
    /**
     * No security context is rendered; the caller takes responsibility (pod template or cluster
     * policy).
     */
    NONE;

    /** The spelling used in YAML and JSON, e.g. {@code restricted}. */
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
    public static PodSecurity fromWireValue(String text) {
        return WireValues.parse(PodSecurity.class, text, PodSecurity::wireValue);
    }
}
