package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/**
 * The status of a {@code FlinkStateSnapshot}, as the operator's {@code FlinkStateSnapshotStatus}.
 *
 * @param state {@code TRIGGER_PENDING}, {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED} or
 *     {@code ABANDONED}
 * @param triggerId Flink's id of the snapshot's trigger
 * @param triggerTimestamp when it was triggered
 * @param resultTimestamp when it completed or failed
 * @param path where the snapshot is, once completed
 * @param error the last error
 * @param failures how many times it failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "state",
    "triggerId",
    "triggerTimestamp",
    "resultTimestamp",
    "path",
    "error",
    "failures"
})
public record FlinkStateSnapshotStatus(
        @PrinterColumn(name = "Snapshot State") String state,
        String triggerId,
        String triggerTimestamp,
        @PrinterColumn(name = "Result Timestamp") String resultTimestamp,
        @PrinterColumn(name = "Path") String path,
        String error,
        Integer failures) {}
