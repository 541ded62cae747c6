package io.flinkk8s.sdk.core.flink;

import java.time.Instant;

/**
 * A completed checkpoint or savepoint, as the JobManager's checkpoint statistics ({@code GET
 * /jobs/:jobid/checkpoints}) report it.
 *
 * @param id the checkpoint id (checkpoints and savepoints of a job share one sequence)
 * @param externalPath may be null: where it was written, e.g. {@code s3://bucket/checkpoints/<job
 *     id>/chk-42}; null when it is not externally addressable (no checkpoint directory)
 * @param completedAt when its last acknowledgement arrived: when it completed
 */
public record CheckpointInfo(long id, String externalPath, Instant completedAt) {}
