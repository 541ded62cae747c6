package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The operator's checkpoint bookkeeping of a job (deprecated by the operator, still written by it).
 *
 * @param lastCheckpoint the last checkpoint the operator triggered
 * @param triggerId the trigger of a checkpoint in progress
 * @param triggerTimestamp when it was triggered, milliseconds since the epoch
 * @param triggerType {@code MANUAL}, {@code PERIODIC}, {@code UPGRADE} or {@code UNKNOWN}
 * @param formatType {@code FULL}, {@code INCREMENTAL} or {@code UNKNOWN}
 * @param lastPeriodicCheckpointTimestamp when the last periodic checkpoint was triggered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "lastCheckpoint",
    "triggerId",
    "triggerTimestamp",
    "triggerType",
    "formatType",
    "lastPeriodicCheckpointTimestamp"
})
public record CheckpointInfo(
        Checkpoint lastCheckpoint,
        String triggerId,
        Long triggerTimestamp,
        String triggerType,
        String formatType,
        Long lastPeriodicCheckpointTimestamp) {}
