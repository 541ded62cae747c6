package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/**
 * The TaskManagers of a {@code FlinkDeployment} as the operator counts them: the scale
 * subresource's {@code statusReplicasPath} and {@code labelSelectorPath}.
 *
 * @param labelSelector the TaskManager pods' label selector, as text
 * @param replicas how many TaskManagers run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"labelSelector", "replicas"})
public record TaskManagerInfo(
        @LabelSelector String labelSelector, @StatusReplicas Integer replicas) {}
