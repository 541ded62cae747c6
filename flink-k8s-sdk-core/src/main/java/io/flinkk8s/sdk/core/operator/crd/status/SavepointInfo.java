package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The operator's savepoint bookkeeping of a job (deprecated by the operator in favour of {@code
 * FlinkStateSnapshot} resources, still written by it).
 *
 * @param lastSavepoint the last completed savepoint
 * @param triggerId the trigger of a savepoint in progress
 * @param triggerTimestamp when it was triggered, milliseconds since the epoch
 * @param triggerType {@code MANUAL}, {@code PERIODIC}, {@code UPGRADE} or {@code UNKNOWN}
 * @param formatType {@code CANONICAL}, {@code NATIVE} or {@code UNKNOWN}
 * @param savepointHistory the savepoints the operator keeps track of
 * @param lastPeriodicSavepointTimestamp when the last periodic savepoint was taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "lastSavepoint",
    "triggerId",
    "triggerTimestamp",
    "triggerType",
    "formatType",
    "savepointHistory",
    "lastPeriodicSavepointTimestamp"
})
public record SavepointInfo(
        Savepoint lastSavepoint,
        String triggerId,
        Long triggerTimestamp,
        String triggerType,
        String formatType,
        List<Savepoint> savepointHistory,
        Long lastPeriodicSavepointTimestamp) {

    /** Copies the history; null stays null. */
    public SavepointInfo {
        savepointHistory = savepointHistory == null ? null : List.copyOf(savepointHistory);
    }
}
