package io.flinkk8s.sdk.core.deploy.status;

import org.apache.flink.api.common.JobStatus;

/**
 * The job as its JobManager reports it.
 *
 * @param id the job's hex id
 * @param name the job's name
 * @param state its state, e.g. RUNNING
 */
public record JobInfo(String id, String name, JobStatus state) {}
