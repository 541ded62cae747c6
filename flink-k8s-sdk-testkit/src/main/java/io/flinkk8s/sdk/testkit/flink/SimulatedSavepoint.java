package io.flinkk8s.sdk.testkit.flink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;

/**
 * A savepoint a {@link SimulatedFlinkRuntime} completed. Nothing is written to the file system: the
 * path is what Flink would have returned.
 *
 * @param jobId the job the savepoint belongs to
 * @param path {@code <directory>/savepoint-<first 6 hex digits of the job id>-<12 random hex
 *     digits>}, the shape Flink's file-system checkpoint storage uses
 * @param formatType the format the client asked for
 * @param mode how it was taken: a plain savepoint, cancel-with-savepoint, or stop-with-savepoint
 *     (with or without draining)
 */
public record SimulatedSavepoint(
        JobID jobId, String path, SavepointFormatType formatType, TriggerSavepointMode mode) {}
