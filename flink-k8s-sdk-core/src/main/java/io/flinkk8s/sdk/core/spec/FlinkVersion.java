package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/**
 * The Flink versions the SDK renders for. The wire value follows the Flink Kubernetes Operator
 * ({@code v1_20}, {@code v2_1}); {@code "2.1"} is accepted on input too.
 */
public enum FlinkVersion {
    /** Flink 1.18. */
    V1_18(1, 18),
    /** Flink 1.19. */
    V1_19(1, 19),
    /** Flink 1.20 (the 1.x long-term support line). */
    V1_20(1, 20),
    /** Flink 2.0. */
    V2_0(2, 0),
    /** Flink 2.1. */
    V2_1(2, 1),
    /** Flink 2.2. */
    V2_2(2, 2),
    /** Flink 2.3. */
    V2_3(2, 3);

    private final int major;
    private final int minor;

    FlinkVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** The newest version this SDK knows. */
    public static FlinkVersion latest() {
        FlinkVersion[] all = values();
        return all[all.length - 1];
    }

    /**
     * The newest version the Flink Kubernetes Operator's {@code FlinkDeployment} CRD of the default
     * operator version (1.15) accepts in {@code spec.flinkVersion}: {@code v2_2} (its Java code
     * knows newer versions, but the API server checks the CRD's enum). For another operator
     * version: {@code OperatorVersion.latestFlinkVersion()}.
     */
    public static FlinkVersion latestOnOperator() {
        return V2_2;
    }

    /**
     * Whether the default operator version's CRD accepts this version, i.e. it is not newer than
     * {@link #latestOnOperator()}; for another operator version: {@code
     * OperatorVersion.accepts(FlinkVersion)}.
     */
    public boolean isAcceptedByOperator() {
        return compareTo(latestOnOperator()) <= 0;
    }

    /** The operator's spelling, {@code v2_1}. */
    @JsonValue
    public String wireValue() {
        return "v" + major + "_" + minor;
    }

    /**
     * {@code "2.1"}: the form used in image tags and the {@code app.kubernetes.io/version} label.
     */
    public String majorMinor() {
        return major + "." + minor;
    }

    /** Whether this is Flink 2.x or newer. */
    public boolean isAtLeast2() {
        return major >= 2;
    }

    /**
     * The name of the configuration file Flink reads from its conf dir: {@code config.yaml} since
     * Flink 2.0 (which dropped {@code flink-conf.yaml}), {@code flink-conf.yaml} before.
     */
    public String configFileName() {
        return isAtLeast2() ? "config.yaml" : "flink-conf.yaml";
    }

    /** The official image for this version on Java 17, e.g. {@code flink:2.1-java17}. */
    public String defaultImage() {
        return "flink:" + majorMinor() + "-java17";
    }

    /**
     * Reads {@code v2_1}, {@code V2_1} or {@code 2.1}.
     *
     * @throws IllegalArgumentException naming the supported versions for anything else
     */
    @JsonCreator
    public static FlinkVersion fromWireValue(String text) {
        if (text != null) {
            for (FlinkVersion v : values()) {
                if (v.majorMinor().equals(text.trim())) {
                    return v;
                }
            }
        }
        return WireValues.parse(FlinkVersion.class, text, FlinkVersion::wireValue);
    }
}
