package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/**
 * The job of a {@code FlinkDeployment} or {@code FlinkSessionJob} as the operator last saw it.
 *
 * @param jobName the job's name
 * @param jobId the job's id
 * @param state Flink's job status ({@code INITIALIZING}, {@code CREATED}, {@code RUNNING}, {@code
 *     FAILING}, {@code FAILED}, {@code CANCELLING}, {@code CANCELED}, {@code FINISHED}, {@code
 *     RESTARTING}, {@code SUSPENDED}) or {@code RECONCILING} when the operator cannot tell
 * @param startTime when the job started, milliseconds since the epoch as text
 * @param updateTime when the operator last updated this, milliseconds since the epoch as text
 * @param upgradeSavepointPath the savepoint the next restore starts from
 * @param savepointInfo the operator's savepoint bookkeeping (deprecated by the operator)
 * @param checkpointInfo the operator's checkpoint bookkeeping (deprecated by the operator)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "jobName",
    "jobId",
    "state",
    "startTime",
    "updateTime",
    "upgradeSavepointPath",
    "savepointInfo",
    "checkpointInfo"
})
public record JobStatus(
        String jobName,
        String jobId,
        @PrinterColumn(name = "Job Status") String state,
        String startTime,
        String updateTime,
        String upgradeSavepointPath,
        SavepointInfo savepointInfo,
        CheckpointInfo checkpointInfo) {}
