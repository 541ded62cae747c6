package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The savepoint of a {@link FlinkStateSnapshot}.
 *
 * @param path where to write it (the job's savepoint dir when null), or where it is with {@code
 *     alreadyExists}
 * @param formatType {@code CANONICAL}, {@code NATIVE} or {@code UNKNOWN}
 * @param disposeOnDelete whether deleting the snapshot resource deletes the savepoint's files
 * @param alreadyExists whether {@code path} is an existing savepoint, recorded without a job
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"path", "formatType", "disposeOnDelete", "alreadyExists"})
public record SavepointSpec(
        String path, String formatType, Boolean disposeOnDelete, Boolean alreadyExists) {}
