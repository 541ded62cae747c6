package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;

/**
 * Builds the {@link HighAvailabilitySpec} part of a deployment: whether a JobManager failure is
 * survived through Kubernetes HA. Obtained in {@code FlinkDeploymentBuilder.highAvailability(ha ->
 * ...)}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class HighAvailabilityBuilder {

    private HighAvailabilityType type;
    private String storageDir;

    HighAvailabilityBuilder(HighAvailabilitySpec spec) {
        type = spec.type();
        storageDir = spec.storageDir();
    }

    /**
     * Turns on Kubernetes HA: leader election and job metadata in ConfigMaps, state handles under
     * {@code storageDir} ({@code high-availability.storageDir}, e.g. {@code s3://bucket/ha}).
     */
    public HighAvailabilityBuilder kubernetes(String storageDir) {
        this.type = HighAvailabilityType.KUBERNETES;
        this.storageDir = storageDir;
        return this;
    }

    /** Turns HA off explicitly and forgets the storage dir. */
    public HighAvailabilityBuilder none() {
        this.type = HighAvailabilityType.NONE;
        this.storageDir = null;
        return this;
    }

    HighAvailabilitySpec build() {
        return new HighAvailabilitySpec(type, storageDir);
    }
}
