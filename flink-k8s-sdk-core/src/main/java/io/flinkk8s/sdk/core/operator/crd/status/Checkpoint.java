package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One checkpoint in the operator's bookkeeping.
 *
 * @param timeStamp when it completed, milliseconds since the epoch
 * @param triggerType {@code MANUAL}, {@code PERIODIC}, {@code UPGRADE} or {@code UNKNOWN}
 * @param formatType {@code FULL}, {@code INCREMENTAL} or {@code UNKNOWN}
 * @param triggerNonce the {@code checkpointTriggerNonce} that asked for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"timeStamp", "triggerType", "formatType", "triggerNonce"})
public record Checkpoint(
        Long timeStamp, String triggerType, String formatType, Long triggerNonce) {}
