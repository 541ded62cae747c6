package io.flinkk8s.sdk.core.flink;

import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * One job as a JobManager lists it.
 *
 * @param id the job's id
 * @param name the job's name
 * @param status its state, e.g. {@code RUNNING}
 * @param startTime when it was submitted
 */
public record JobSummary(JobID id, String name, JobStatus status, Instant startTime) {}
