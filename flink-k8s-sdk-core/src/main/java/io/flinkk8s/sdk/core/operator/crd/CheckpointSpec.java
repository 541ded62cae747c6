package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The checkpoint request of a {@link FlinkStateSnapshot}: an empty object ({@code checkpoint: {}})
 * whose presence asks for a checkpoint.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record CheckpointSpec() {}
