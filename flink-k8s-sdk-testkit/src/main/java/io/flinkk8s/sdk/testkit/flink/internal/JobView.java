package io.flinkk8s.sdk.testkit.flink.internal;

import org.apache.flink.api.common.JobStatus;

/**
 * A job of the simulated JobManager as it stands: what it was started with, its status and, when it
 * FAILED, why, and when it started.
 *
 * @param failureCause may be null
 * @param startTime when it was INITIALIZING, epoch milliseconds on the runtime's clock (0 if never)
 */
public record JobView(
        JobSubmission submission, JobStatus status, String failureCause, long startTime) {}
