package io.flinkk8s.sdk.core.spec.storage;

/**
 * A PersistentVolumeClaim the SDK renders ({@code ResourceNames.stateVolumeClaim()}, {@code
 * <name>-state}) and mounts at {@code mountPath} in the JobManager and every TaskManager. The
 * checkpoint, savepoint and HA directories default to {@code file://<mountPath>/checkpoints},
 * {@code .../savepoints} and {@code .../ha} when the spec leaves them unset.
 *
 * <p>The claim holds state: neither prune nor delete removes it unless asked ({@code
 * DeployOptions.prunePersistentVolumeClaims}, {@code DeleteOptions.persistentVolumeClaims}).
 *
 * @param storageClassName may be null: the cluster's default storage class
 * @param size required: a Kubernetes quantity, e.g. {@code 50Gi}
 * @param accessMode may be null: filled by {@code SpecDefaults} ({@code ReadWriteMany}, the only
 *     mode the JobManager and TaskManagers can share the volume in)
 * @param mountPath may be null: filled by {@code SpecDefaults} ({@code /flink-data})
 */
public record PersistentVolumeSpec(
        String storageClassName, String size, String accessMode, String mountPath) {

    /** A claim of {@code size} of the default storage class, defaults for the rest. */
    public static PersistentVolumeSpec ofSize(String size) {
        return new PersistentVolumeSpec(null, size, null, null);
    }
}
