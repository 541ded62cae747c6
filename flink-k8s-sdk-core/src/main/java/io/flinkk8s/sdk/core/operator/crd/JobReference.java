package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The job a {@link FlinkStateSnapshot} is of.
 *
 * @param kind {@code FlinkDeployment} or {@code FlinkSessionJob}
 * @param name the resource's name, in the snapshot's namespace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"kind", "name"})
public record JobReference(String kind, String name) {}
