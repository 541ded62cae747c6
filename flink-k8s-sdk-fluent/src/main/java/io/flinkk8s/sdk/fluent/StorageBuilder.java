package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import io.flinkk8s.sdk.core.spec.storage.S3Plugin;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import java.util.Objects;

/**
 * Builds the {@link StoragePolicy} of a deployment: an object store's plugin and credentials, a
 * PersistentVolumeClaim for checkpoints, savepoints and HA, a local volume for RocksDB and local
 * recovery. Obtained in {@code FlinkDeploymentBuilder.storage(s -> ...)}:
 *
 * <pre>{@code
 * .checkpointing(c -> c.dir("s3://bucket/orders/checkpoints"))
 * .storage(s -> s.objectStore("orders-s3")        // Secret with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
 *                .pluginVersion("2.1.0")          // unless the image tag names it
 *                .emptyDir("20Gi")
 *                .localRecovery(true))
 * .storage(s -> s.volume("50Gi", "nfs-client"))   // checkpoints on a ReadWriteMany claim
 * }</pre>
 *
 * Mutable and not thread-safe.
 */
public final class StorageBuilder {

    private ObjectStoreSpec objectStore;
    private PersistentVolumeSpec volume;
    private LocalStateSpec localState;

    StorageBuilder(StoragePolicy policy) {
        objectStore = policy.objectStore();
        volume = policy.volume();
        localState = policy.localState();
    }

    /**
     * Enables the object store plugins of the checkpoint, savepoint and HA directories, without
     * credentials: the pods use what the node or workload identity gives them.
     */
    public StorageBuilder objectStore() {
        objectStore = objectStoreOrNew();
        return this;
    }

    /**
     * Enables the plugins and takes the credentials from Secret {@code credentialsSecret}, whose
     * keys become environment variables (e.g. {@code AWS_ACCESS_KEY_ID} and {@code
     * AWS_SECRET_ACCESS_KEY} for S3).
     */
    public StorageBuilder objectStore(String credentialsSecret) {
        ObjectStoreSpec o = objectStoreOrNew();
        objectStore =
                new ObjectStoreSpec(
                        credentialsSecret, o.credentialsFile(), o.pluginVersion(), o.s3Plugin());
        return this;
    }

    /** Replaces the object store part; {@code null} removes it. */
    public StorageBuilder objectStore(ObjectStoreSpec objectStore) {
        this.objectStore = objectStore;
        return this;
    }

    /**
     * For {@code gs://}: the service account file is key {@code key} of Secret {@code secret},
     * mounted and named by {@code GOOGLE_APPLICATION_CREDENTIALS}.
     */
    public StorageBuilder gcsCredentials(String secret, String key) {
        ObjectStoreSpec o = objectStoreOrNew();
        objectStore = new ObjectStoreSpec(secret, key, o.pluginVersion(), o.s3Plugin());
        return this;
    }

    /** Flink's full version the image's plugin jars carry, e.g. {@code 2.1.0}. */
    public StorageBuilder pluginVersion(String version) {
        ObjectStoreSpec o = objectStoreOrNew();
        objectStore =
                new ObjectStoreSpec(
                        o.credentialsSecret(), o.credentialsFile(), version, o.s3Plugin());
        return this;
    }

    /** Which plugin serves {@code s3://}; Presto by default. */
    public StorageBuilder s3Plugin(S3Plugin plugin) {
        ObjectStoreSpec o = objectStoreOrNew();
        objectStore =
                new ObjectStoreSpec(
                        o.credentialsSecret(), o.credentialsFile(), o.pluginVersion(), plugin);
        return this;
    }

    /** A ReadWriteMany claim of {@code size} (e.g. {@code 50Gi}) of the default storage class. */
    public StorageBuilder volume(String size) {
        return volume(size, volume == null ? null : volume.storageClassName());
    }

    /** A ReadWriteMany claim of {@code size} of {@code storageClass}. */
    public StorageBuilder volume(String size, String storageClass) {
        PersistentVolumeSpec v = volumeOrNew();
        volume = new PersistentVolumeSpec(storageClass, size, v.accessMode(), v.mountPath());
        return this;
    }

    /** Where the claim is mounted; {@code /flink-data} by default. */
    public StorageBuilder volumeMountPath(String mountPath) {
        PersistentVolumeSpec v = volumeOrNew();
        volume =
                new PersistentVolumeSpec(v.storageClassName(), v.size(), v.accessMode(), mountPath);
        return this;
    }

    /** Replaces the claim part; {@code null} removes it. */
    public StorageBuilder volume(PersistentVolumeSpec volume) {
        this.volume = volume;
        return this;
    }

    /** An {@code emptyDir} of at most {@code sizeLimit} ({@code null}: no limit) as local state. */
    public StorageBuilder emptyDir(String sizeLimit) {
        LocalStateSpec l = localStateOrNew();
        localState =
                new LocalStateSpec(
                        LocalVolumeType.EMPTY_DIR,
                        sizeLimit,
                        null,
                        l.mountPath(),
                        l.localRecovery());
        return this;
    }

    /** A generic ephemeral volume of {@code size} of {@code storageClass} as local state. */
    public StorageBuilder ephemeral(String size, String storageClass) {
        LocalStateSpec l = localStateOrNew();
        localState =
                new LocalStateSpec(
                        LocalVolumeType.EPHEMERAL,
                        size,
                        storageClass,
                        l.mountPath(),
                        l.localRecovery());
        return this;
    }

    /** Whether Flink keeps a local copy of each checkpoint on the local state volume. */
    public StorageBuilder localRecovery(boolean localRecovery) {
        LocalStateSpec l = localStateOrNew();
        localState =
                new LocalStateSpec(
                        l.type(), l.size(), l.storageClassName(), l.mountPath(), localRecovery);
        return this;
    }

    /** Replaces the local state part; {@code null} removes it. */
    public StorageBuilder localState(LocalStateSpec localState) {
        this.localState = localState;
        return this;
    }

    /** Removes every part. */
    public StorageBuilder none() {
        objectStore = null;
        volume = null;
        localState = null;
        return this;
    }

    StoragePolicy build() {
        return new StoragePolicy(objectStore, volume, localState);
    }

    private ObjectStoreSpec objectStoreOrNew() {
        return Objects.requireNonNullElse(objectStore, new ObjectStoreSpec(null, null, null, null));
    }

    private PersistentVolumeSpec volumeOrNew() {
        return Objects.requireNonNullElse(volume, new PersistentVolumeSpec(null, null, null, null));
    }

    private LocalStateSpec localStateOrNew() {
        return Objects.requireNonNullElse(
                localState, new LocalStateSpec(null, null, null, null, null));
    }
}
