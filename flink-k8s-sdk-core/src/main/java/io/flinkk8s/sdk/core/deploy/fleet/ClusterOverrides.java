package io.flinkk8s.sdk.core.deploy.fleet;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;

/**
 * What differs on one cluster of a {@link Fleet}; a null component keeps the spec's value.
 *
 * <pre>{@code
 * ClusterOverrides eu = ClusterOverrides.none()
 *         .withImageRegistry("eu.registry.example.com")       // registry.example.com/orders:1.4.2 → eu.registry.example.com/orders:1.4.2
 *         .withTaskManagerReplicas(6)
 *         .withCheckpointDir("s3://acme-eu/orders/checkpoints")
 *         .withSavepointDir("s3://acme-eu/orders/savepoints");
 * }</pre>
 *
 * @param imageRegistry the registry host (and port) the image is pulled from on this cluster: it
 *     replaces the spec's registry (or prefixes an image without one, such as {@code
 *     flink:2.1-java17}); the repository path, tag and digest stay
 * @param namespace the namespace on this cluster
 * @param taskManagerReplicas the TaskManagers on this cluster (the autoscaler's starting point when
 *     the spec autoscales)
 * @param checkpointDir the checkpoint directory on this cluster
 * @param savepointDir the savepoint directory on this cluster
 * @param haStorageDir the HA storage directory on this cluster (only for a spec with HA)
 */
public record ClusterOverrides(
        String imageRegistry,
        String namespace,
        Integer taskManagerReplicas,
        String checkpointDir,
        String savepointDir,
        String haStorageDir) {

    /** Nothing differs: the spec as it is. */
    public static ClusterOverrides none() {
        return new ClusterOverrides(null, null, null, null, null, null);
    }

    /** A copy with {@code imageRegistry} replaced. */
    public ClusterOverrides withImageRegistry(String imageRegistry) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /** A copy with {@code namespace} replaced. */
    public ClusterOverrides withNamespace(String namespace) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /** A copy with {@code taskManagerReplicas} replaced. */
    public ClusterOverrides withTaskManagerReplicas(int taskManagerReplicas) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /** A copy with {@code checkpointDir} replaced. */
    public ClusterOverrides withCheckpointDir(String checkpointDir) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /** A copy with {@code savepointDir} replaced. */
    public ClusterOverrides withSavepointDir(String savepointDir) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /** A copy with {@code haStorageDir} replaced. */
    public ClusterOverrides withHaStorageDir(String haStorageDir) {
        return new ClusterOverrides(
                imageRegistry,
                namespace,
                taskManagerReplicas,
                checkpointDir,
                savepointDir,
                haStorageDir);
    }

    /**
     * {@code spec} as this cluster runs it. {@code effectiveImage} is the image the spec runs once
     * its defaults are filled in (the registry override needs one even where the spec left it
     * unset). Judges nothing: {@link Fleet} validates the result.
     */
    public FlinkDeploymentSpec applyTo(FlinkDeploymentSpec spec, String effectiveImage) {
        FlinkDeploymentSpec.Editor edit = spec.edit();
        if (imageRegistry != null) {
            edit.image(inRegistry(effectiveImage, imageRegistry));
        }
        if (namespace != null) {
            edit.namespace(namespace);
        }
        if (taskManagerReplicas != null) {
            edit.taskManager(spec.withTaskManagerReplicas(taskManagerReplicas).taskManager());
        }
        if (checkpointDir != null || savepointDir != null) {
            CheckpointingSpec cp =
                    spec.checkpointing() == null ? CheckpointingSpec.none() : spec.checkpointing();
            edit.checkpointing(
                    new CheckpointingSpec(
                            cp.interval(),
                            checkpointDir != null ? checkpointDir : cp.checkpointDir(),
                            savepointDir != null ? savepointDir : cp.savepointDir()));
        }
        if (haStorageDir != null) {
            HighAvailabilitySpec ha = spec.highAvailability();
            edit.highAvailability(
                    new HighAvailabilitySpec(ha == null ? null : ha.type(), haStorageDir));
        }
        return edit.build();
    }

    /**
     * {@code image} pulled from {@code registry}: {@code registry.example.com/orders:1.4.2} →
     * {@code <registry>/orders:1.4.2}; {@code flink:2.1-java17} → {@code
     * <registry>/flink:2.1-java17}. The first path segment is a registry when it has a dot or a
     * port, or is {@code localhost}, as Docker reads references.
     */
    static String inRegistry(String image, String registry) {
        String host =
                registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return host + image.substring(slash);
            }
        }
        return host + "/" + image;
    }
}
