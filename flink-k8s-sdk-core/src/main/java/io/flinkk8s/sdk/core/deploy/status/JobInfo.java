package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.RestoredCheckpoint;
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
 * @param restoredFrom may be null: the savepoint or checkpoint the job was started from ({@code
 *     latest.restored} of {@code GET /jobs/:jobid/checkpoints}); null when it started without state
 *     or the JobManager did not answer that request. {@link DeploymentStatus#restoredFrom} falls
 *     back to the state record
 * @param rootException may be null: for a FAILED job, Flink's root exception ({@code GET
 *     /jobs/:jobid/exceptions}: the newest entry's first line, and its deepest {@code Caused by}
 *     when it has one); null for a job that did not fail, or when the JobManager did not answer
 */
public record JobInfo(
        String id,
        String name,
        JobStatus state,
        CheckpointInfo lastCheckpoint,
        CheckpointInfo lastSavepoint,
        RestoredCheckpoint restoredFrom,
        String rootException) {

    /** A job whose checkpoints are not known. */
    public JobInfo(String id, String name, JobStatus state) {
        this(id, name, state, null, null, null, null);
    }

    /** A job without a root exception: it did not fail, or the exception was not read. */
    public JobInfo(
            String id,
            String name,
            JobStatus state,
            CheckpointInfo lastCheckpoint,
            CheckpointInfo lastSavepoint,
            RestoredCheckpoint restoredFrom) {
        this(id, name, state, lastCheckpoint, lastSavepoint, restoredFrom, null);
    }

    /** This job with Flink's root exception of its failure. */
    public JobInfo withRootException(String exception) {
        return new JobInfo(id, name, state, lastCheckpoint, lastSavepoint, restoredFrom, exception);
    }

    /** A job with its latest checkpoint and savepoint, without what it was restored from. */
    public JobInfo(
            String id,
            String name,
            JobStatus state,
            CheckpointInfo lastCheckpoint,
            CheckpointInfo lastSavepoint) {
        this(id, name, state, lastCheckpoint, lastSavepoint, null, null);
    }
}
