package io.flinkk8s.sdk.core.flink;

import java.time.Instant;
import java.util.Objects;

/**
 * A savepoint the SDK took and recorded in the deployment's state record in the cluster, so that a
 * later call, from any JVM, can start the job from it.
 *
 * @param path where Flink wrote it, e.g. {@code s3://bucket/sp/savepoint-1a2b3c-0123456789ab}
 * @param jobId the hex id of the job it was taken of
 * @param takenAt when the SDK recorded it
 * @param reason why it was taken
 */
public record SavepointRecord(String path, String jobId, Instant takenAt, Reason reason) {

    /** Why a savepoint was taken. */
    public enum Reason {
        /** Stop-with-savepoint before a savepoint upgrade. */
        UPGRADE,
        /** Stop-with-savepoint before scaling to zero. */
        SUSPEND,
        /** Requested by the caller; the job kept running. */
        MANUAL,
        /** Stop-with-savepoint before the deployment was deleted. */
        DELETE
    }

    /** Requires path, time and reason. */
    public SavepointRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(reason, "reason");
    }
}
