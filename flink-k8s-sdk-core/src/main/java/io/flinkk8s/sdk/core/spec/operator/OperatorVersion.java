package io.flinkk8s.sdk.core.spec.operator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;
import io.flinkk8s.sdk.core.spec.FlinkVersion;

/**
 * A release line of the Flink Kubernetes Operator: the one installed in the cluster, whose CRD the
 * rendered {@code FlinkDeployment} must validate against. The two differ in how a JobManager's and
 * TaskManager's CPU and memory are written and in the Flink versions the CRD accepts.
 */
public enum OperatorVersion {
    /**
     * 1.15, the SDK's default: {@code resource {cpu, memory, ephemeralStorage}}; {@code
     * flinkVersion} up to {@code v2_2}.
     */
    V1_15("1.15", FlinkVersion.V2_2),
    /**
     * 1.16: Kubernetes {@code resources} (requests and limits) instead of the deprecated {@code
     * resource}; {@code flinkVersion} up to {@code v2_4} in its CRD, of which the SDK renders up to
     * {@code v2_3}.
     */
    V1_16("1.16", FlinkVersion.V2_3);

    private final String wire;
    private final FlinkVersion latestFlink;

    OperatorVersion(String wire, FlinkVersion latestFlink) {
        this.wire = wire;
        this.latestFlink = latestFlink;
    }

    /** The version a spec renders for when it names none: {@link #V1_15}. */
    public static OperatorVersion defaultVersion() {
        return V1_15;
    }

    /** The spelling used in YAML and JSON, e.g. {@code 1.16}. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /** The newest Flink version this operator's CRD accepts that the SDK renders for. */
    public FlinkVersion latestFlinkVersion() {
        return latestFlink;
    }

    /** Whether this operator's CRD accepts {@code flinkVersion}. */
    public boolean accepts(FlinkVersion flinkVersion) {
        return flinkVersion.compareTo(latestFlink) <= 0;
    }

    /**
     * Whether CPU and memory are written as Kubernetes {@code resources} (requests and limits)
     * rather than the operator's {@code resource}.
     */
    public boolean writesResourceRequirements() {
        return this != V1_15;
    }

    /**
     * Reads {@code 1.16}, {@code 1.16.0} or the constant name {@code V1_16}, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static OperatorVersion fromWireValue(String text) {
        String t = text == null ? null : text.trim();
        if (t != null && t.matches("\\d+\\.\\d+\\.\\d+")) {
            t = t.substring(0, t.lastIndexOf('.'));
        }
        return WireValues.parse(OperatorVersion.class, t, OperatorVersion::wireValue);
    }
}
