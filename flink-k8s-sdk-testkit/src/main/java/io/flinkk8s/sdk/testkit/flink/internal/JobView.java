package io.flinkk8s.sdk.testkit.flink.internal;

import org.apache.flink.api.common.JobStatus;

/**
 * A job of the simulated JobManager as it stands: what it was started with, its status and, when it
 * FAILED, why.
 *
 * @param failureCause may be null
 */
public record JobView(JobSubmission submission, JobStatus status, String failureCause) {}
