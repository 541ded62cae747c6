package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import org.apache.flink.api.common.JobStatus;

/**
 * The job as its JobManager reports it.
 *
 * @param id the job's hex id
 * @param name the job's name
 * @param state its state, e.g. RUNNING
 * @param lastCheckpoint may be null: the latest completed checkpoint, none yet, or the JobManager
 *     did not answer {@code GET /jobs/:jobid/checkpoints}
 * @param lastSavepoint may be null: the latest savepoint this JobManager completed (a savepoint a
 *     previous JobManager took is the deployment's {@link DeploymentStatus#lastSavepoint})
 */
public record JobInfo(
        String id,
        String name,
        JobStatus state,
        CheckpointInfo lastCheckpoint,
        CheckpointInfo lastSavepoint) {

    /** A job whose checkpoints are not known. */
    public JobInfo(String id, String name, JobStatus state) {
        this(id, name, state, null, null);
    }
}
