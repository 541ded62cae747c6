package io.flinkk8s.sdk.core.spec.storage;

/**
 * A node-local volume mounted at {@code mountPath} in the JobManager and TaskManagers, which
 * becomes Flink's working directory ({@code process.working-dir}). Since Flink 1.15 (FLIP-198)
 * RocksDB keeps its files and local recovery its copies under the working directory unless {@code
 * state.backend.rocksdb.localdir} or {@code taskmanager.state.local.root-dirs} say otherwise, so
 * both land on this volume instead of the container's writable layer. An {@code emptyDir} lives as
 * long as the pod: local recovery then helps after a failure of the job inside a running
 * TaskManager, not after the pod is replaced.
 *
 * @param type may be null: filled by {@code SpecDefaults} ({@link LocalVolumeType#EMPTY_DIR})
 * @param size may be null for {@code empty-dir} (no size limit), required for {@code ephemeral}: a
 *     Kubernetes quantity, e.g. {@code 20Gi}
 * @param storageClassName only for {@code ephemeral}; may be null: the cluster's default class
 * @param mountPath may be null: filled by {@code SpecDefaults} ({@code /flink-local})
 * @param localRecovery may be null: filled by {@code SpecDefaults} ({@code false}); whether Flink
 *     keeps a local copy of each checkpoint to recover from
 */
public record LocalStateSpec(
        LocalVolumeType type,
        String size,
        String storageClassName,
        String mountPath,
        Boolean localRecovery) {

    /** An {@code emptyDir} limited to {@code sizeLimit} (null: no limit), defaults for the rest. */
    public static LocalStateSpec emptyDir(String sizeLimit) {
        return new LocalStateSpec(LocalVolumeType.EMPTY_DIR, sizeLimit, null, null, null);
    }
}
