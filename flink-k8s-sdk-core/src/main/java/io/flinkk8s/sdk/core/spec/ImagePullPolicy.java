package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** The container image pull policy, spelled as Kubernetes spells it. */
public enum ImagePullPolicy {
    /** Pull on every container start. */
    ALWAYS("Always"),
    /** Pull only when the image is not on the node. */
    IF_NOT_PRESENT("IfNotPresent"),
    /** Never pull; the image must be on the node. */
    NEVER("Never");

    private final String wireValue;

    ImagePullPolicy(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The Kubernetes spelling, e.g. {@code IfNotPresent}. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /**
     * Reads the Kubernetes spelling or the constant name, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static ImagePullPolicy fromWireValue(String text) {
        return WireValues.parse(ImagePullPolicy.class, text, ImagePullPolicy::wireValue);
    }
}
