package io.flinkk8s.sdk.core.flink;

import java.time.Instant;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.state.memory.NonPersistentMetadataCheckpointStorageLocation;

/**
 * The latest completed checkpoint and savepoint of a job, from Flink's checkpoint statistics.
 *
 * @param lastCheckpoint may be null: no checkpoint completed yet
 * @param lastSavepoint may be null: no savepoint completed in this JobManager's lifetime
 */
public record JobCheckpoints(CheckpointInfo lastCheckpoint, CheckpointInfo lastSavepoint) {

    /** Neither a checkpoint nor a savepoint. */
    public static JobCheckpoints none() {
        return new JobCheckpoints(null, null);
    }

    /**
     * The latest ones of Flink's {@code GET /jobs/:jobid/checkpoints} answer ({@code
     * latest.completed} and {@code latest.savepoint}).
     */
    public static JobCheckpoints from(CheckpointingStatistics statistics) {
        CheckpointingStatistics.LatestCheckpoints latest = statistics.getLatestCheckpoints();
        if (latest == null) {
            return none();
        }
        return new JobCheckpoints(
                info(latest.getCompletedCheckpointStatistics()),
                info(latest.getSavepointStatistics()));
    }

    private static CheckpointInfo info(CompletedCheckpointStatistics c) {
        if (c == null) {
            return null;
        }
        String path = c.getExternalPath();
        // a checkpoint kept only in the JobManager's memory reports this pointer, not a path
        boolean addressable =
                path != null
                        && !path.isBlank()
                        && !NonPersistentMetadataCheckpointStorageLocation.EXTERNAL_POINTER.equals(
                                path);
        return new CheckpointInfo(
                c.getId(),
                addressable ? path : null,
                Instant.ofEpochMilli(c.getLatestAckTimestamp()));
    }
}
