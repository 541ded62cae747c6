package io.flinkk8s.sdk.core.flink;

import java.time.Instant;

/**
 * The savepoint or checkpoint a job was started from, as its JobManager's checkpoint statistics
 * ({@code GET /jobs/:jobid/checkpoints}, {@code latest.restored}) report it.
 *
 * @param id the restored snapshot's checkpoint id
 * @param externalPath may be null: where it was read from, e.g. {@code
 *     s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab}
 * @param savepoint whether it was a savepoint ({@code is_savepoint}); false for a checkpoint
 * @param restoredAt when the JobManager restored it
 */
public record RestoredCheckpoint(
        long id, String externalPath, boolean savepoint, Instant restoredAt) {}
