package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.flink.SavepointRecord;
import java.util.Objects;

/**
 * The savepoint or checkpoint a deployment's running job started from, and who says so: see {@link
 * DeploymentStatus#restoredFrom()}.
 *
 * @param path where the snapshot was read from, e.g. {@code
 *     s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab}
 * @param kind a savepoint or a (retained) checkpoint
 * @param origin where this was learnt: the JobManager, or the SDK's state record
 * @param recorded may be null: the savepoint of the SDK's history with this path (why and when it
 *     was taken, e.g. {@link SavepointRecord.Reason#DELETE}); null for a path the SDK did not take,
 *     such as a spec's {@code job.initialSavepointPath} or a checkpoint Flink's HA restored
 */
public record RestorePoint(String path, Kind kind, Origin origin, SavepointRecord recorded) {

    /** What kind of snapshot was restored. */
    public enum Kind {
        /** A savepoint. */
        SAVEPOINT,
        /** A checkpoint, e.g. the latest one Flink's Kubernetes HA recovers. */
        CHECKPOINT
    }

    /** Where the restore point was learnt. */
    public enum Origin {
        /**
         * The JobManager's checkpoint statistics ({@code GET /jobs/:jobid/checkpoints}, {@code
         * latest.restored}): what Flink actually restored.
         */
        FLINK,
        /**
         * The SDK's state record: the savepoint the JobManager's pods were started with ({@code
         * --fromSavepoint}), used when the JobManager could not be asked or reported nothing.
         */
        STATE_RECORD
    }

    /** Requires path, kind and origin. */
    public RestorePoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
    }
}
