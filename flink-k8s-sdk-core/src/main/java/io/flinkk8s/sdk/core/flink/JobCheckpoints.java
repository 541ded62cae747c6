package io.flinkk8s.sdk.core.flink;

import java.time.Instant;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.state.memory.NonPersistentMetadataCheckpointStorageLocation;

/**
 * The latest completed checkpoint and savepoint of a job, and what it was started from, from
 * Flink's checkpoint statistics.
 *
 * @param lastCheckpoint may be null: no checkpoint completed yet
 * @param lastSavepoint may be null: no savepoint completed in this JobManager's lifetime
 * @param restored may be null: the job started without restoring a savepoint or checkpoint
 */
public record JobCheckpoints(
        CheckpointInfo lastCheckpoint, CheckpointInfo lastSavepoint, RestoredCheckpoint restored) {

    /** Latest checkpoint and savepoint, with nothing restored. */
    public JobCheckpoints(CheckpointInfo lastCheckpoint, CheckpointInfo lastSavepoint) {
        this(lastCheckpoint, lastSavepoint, null);
    }

    /** Neither a checkpoint nor a savepoint. */
    public static JobCheckpoints none() {
        return new JobCheckpoints(null, null, null);
    }

    /**
     * The latest ones of Flink's {@code GET /jobs/:jobid/checkpoints} answer ({@code
     * latest.completed}, {@code latest.savepoint} and {@code latest.restored}).
     */
    public static JobCheckpoints from(CheckpointingStatistics statistics) {
        CheckpointingStatistics.LatestCheckpoints latest = statistics.getLatestCheckpoints();
        if (latest == null) {
            return none();
        }
        return new JobCheckpoints(
                info(latest.getCompletedCheckpointStatistics()),
                info(latest.getSavepointStatistics()),
                restored(latest.getRestoredCheckpointStatistics()));
    }

    private static RestoredCheckpoint restored(
            CheckpointingStatistics.RestoredCheckpointStatistics r) {
        if (r == null) {
            return null;
        }
        return new RestoredCheckpoint(
                r.getId(),
                addressable(r.getExternalPath()) ? r.getExternalPath() : null,
                r.isSavepoint(),
                Instant.ofEpochMilli(r.getRestoreTimestamp()));
    }

    /** A checkpoint kept only in the JobManager's memory reports a pointer, not a path. */
    private static boolean addressable(String path) {
        return path != null
                && !path.isBlank()
                && !NonPersistentMetadataCheckpointStorageLocation.EXTERNAL_POINTER.equals(path);
    }

    private static CheckpointInfo info(CompletedCheckpointStatistics c) {
        if (c == null) {
            return null;
        }
        String path = c.getExternalPath();
        return new CheckpointInfo(
                c.getId(),
                addressable(path) ? path : null,
                Instant.ofEpochMilli(c.getLatestAckTimestamp()));
    }
}
