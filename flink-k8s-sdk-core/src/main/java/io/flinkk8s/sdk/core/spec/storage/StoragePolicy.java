package io.flinkk8s.sdk.core.spec.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where the deployment keeps its state, beyond the directories of {@code checkpointing} and {@code
 * highAvailability}: off unless a part is set ({@link #isEnabled()}).
 *
 * <ul>
 *   <li>{@code objectStore}: the checkpoint, savepoint and HA directories are on an object store
 *       ({@code s3://}, {@code gs://}, {@code abfss://}, {@code oss://}); the matching Flink
 *       filesystem plugin is enabled in the official image and the credentials come from a Secret;
 *   <li>{@code volume}: a PersistentVolumeClaim the SDK renders, mounted in the JobManager and
 *       every TaskManager, where the checkpoint, savepoint and HA directories default to;
 *   <li>{@code localState}: a node-local volume for Flink's working directory (RocksDB's files,
 *       local recovery).
 * </ul>
 *
 * @param objectStore may be null: no object store plugin or credentials
 * @param volume may be null: no PersistentVolumeClaim
 * @param localState may be null: Flink's working directory stays in the container's file system
 */
public record StoragePolicy(
        ObjectStoreSpec objectStore, PersistentVolumeSpec volume, LocalStateSpec localState) {

    /** No storage policy. */
    public static StoragePolicy none() {
        return new StoragePolicy(null, null, null);
    }

    /** Whether any part is set. */
    @JsonIgnore
    public boolean isEnabled() {
        return objectStore != null || volume != null || localState != null;
    }

    /** A copy with {@code objectStore} replaced. */
    public StoragePolicy withObjectStore(ObjectStoreSpec objectStore) {
        return new StoragePolicy(objectStore, volume, localState);
    }

    /** A copy with {@code volume} replaced. */
    public StoragePolicy withVolume(PersistentVolumeSpec volume) {
        return new StoragePolicy(objectStore, volume, localState);
    }

    /** A copy with {@code localState} replaced. */
    public StoragePolicy withLocalState(LocalStateSpec localState) {
        return new StoragePolicy(objectStore, volume, localState);
    }
}
