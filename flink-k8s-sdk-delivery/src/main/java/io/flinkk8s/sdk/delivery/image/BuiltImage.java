package io.flinkk8s.sdk.delivery.image;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image the SDK built.
 *
 * @param reference the image's name with its tag, e.g. {@code registry.example.com/orders:1.4.2}
 * @param digest the manifest's digest ({@code sha256:...}): the same inputs give the same digest
 * @param imageId the digest of the image's configuration ({@code sha256:...})
 * @param jarURI where the job jar is in the image, as {@code job.jarURI} names it: {@code
 *     local:///opt/flink/usrlib/<jar>}
 * @param tarFile the tar written, when built to a tar; null when pushed to a registry
 */
public record BuiltImage(
        String reference, String digest, String imageId, String jarURI, Path tarFile) {

    /** The tar written, when built to a tar. */
    public Optional<Path> tar() {
        return Optional.ofNullable(tarFile);
    }

    /**
     * {@code spec} running this image: {@code image} set to {@link #reference()} and {@code
     * job.jarURI} to {@link #jarURI()}, everything else as it was. A spec without a job (a session
     * cluster) only gets the image. For a spec that must not drift when the tag moves, use {@code
     * spec.withImage(built.pinnedReference())} afterwards.
     */
    public FlinkDeploymentSpec applyTo(FlinkDeploymentSpec spec) {
        FlinkDeploymentSpec withImage = spec.withImage(reference);
        JobSpec job = spec.job();
        if (job == null) {
            return withImage;
        }
        return withImage.withJob(
                new JobSpec(
                        jarURI,
                        job.entryClass(),
                        job.args(),
                        job.parallelism(),
                        job.upgradeMode(),
                        job.state(),
                        job.initialSavepointPath(),
                        job.allowNonRestoredState()));
    }

    /**
     * The reference pinned to the digest, {@code name@sha256:...}, for specs that must not drift.
     */
    public String pinnedReference() {
        String name = reference;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        return name + "@" + digest;
    }
}
