package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The spec of a {@link FlinkStateSnapshot}, as the operator's {@code FlinkStateSnapshotSpec}:
 * exactly one of {@code savepoint} and {@code checkpoint}.
 *
 * @param jobReference the job to snapshot; not needed for a savepoint that already exists
 * @param savepoint a savepoint to take, or one that exists
 * @param checkpoint a checkpoint to take
 * @param backoffLimit retries after a failure: -1 unlimited, 0 none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"jobReference", "savepoint", "checkpoint", "backoffLimit"})
public record FlinkStateSnapshotSpec(
        JobReference jobReference,
        SavepointSpec savepoint,
        CheckpointSpec checkpoint,
        Integer backoffLimit) {}
