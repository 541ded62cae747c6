package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One savepoint in the operator's bookkeeping.
 *
 * @param timeStamp when it completed, milliseconds since the epoch
 * @param location where it is
 * @param triggerType {@code MANUAL}, {@code PERIODIC}, {@code UPGRADE} or {@code UNKNOWN}
 * @param formatType {@code CANONICAL}, {@code NATIVE} or {@code UNKNOWN}
 * @param triggerNonce the {@code savepointTriggerNonce} that asked for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"timeStamp", "location", "triggerType", "formatType", "triggerNonce"})
public record Savepoint(
        Long timeStamp,
        String location,
        String triggerType,
        String formatType,
        Long triggerNonce) {}
