package io.flinkk8s.sdk.core.spec;

/**
 * JobManager high availability. With {@link HighAvailabilityType#KUBERNETES}, leader election and
 * job metadata live in ConfigMaps (which the SDK never deletes unless asked) and state handles in
 * {@code storageDir}.
 *
 * @param type may be null: filled by {@link SpecDefaults} ({@link HighAvailabilityType#NONE})
 * @param storageDir {@code high-availability.storageDir}; required with HA; may be null without
 */
public record HighAvailabilitySpec(HighAvailabilityType type, String storageDir) {

    /** HA off. */
    public static HighAvailabilitySpec none() {
        return new HighAvailabilitySpec(null, null);
    }

    /** Kubernetes HA with state handles under {@code storageDir}. */
    public static HighAvailabilitySpec kubernetes(String storageDir) {
        return new HighAvailabilitySpec(HighAvailabilityType.KUBERNETES, storageDir);
    }

    /** Whether HA is on. */
    public boolean enabled() {
        return type == HighAvailabilityType.KUBERNETES;
    }
}
