package io.flinkk8s.sdk.testkit.flink.internal;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;

/** A savepoint the simulated JobManager completed. */
public record SavepointTaken(
        JobID jobId, String path, SavepointFormatType formatType, TriggerSavepointMode mode) {}
