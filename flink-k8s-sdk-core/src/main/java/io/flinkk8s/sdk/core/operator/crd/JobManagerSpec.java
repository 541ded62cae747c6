package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The JobManager of a {@link FlinkDeployment}, as the operator's {@code JobManagerSpec}.
 *
 * @param replicas more than 1 only with high availability (standbys); the operator's default is 1
 * @param resource CPU and memory in the operator's own form (every operator version; deprecated
 *     from 1.16 on)
 * @param resources CPU and memory as Kubernetes requests and limits (operator 1.16 and later)
 * @param podTemplate merged over the deployment's {@code podTemplate}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"replicas", "resource", "resources", "podTemplate"})
public record JobManagerSpec(
        Integer replicas, Resource resource, ResourceRequirements resources, Pod podTemplate) {

    /** Copies the pod template and the requirements. */
    public JobManagerSpec {
        resources = Requirements.copy(resources);
        podTemplate = Pods.copy(podTemplate);
    }

    /** The requests and limits (a copy); may be null. */
    @Override
    public ResourceRequirements resources() {
        return Requirements.copy(resources);
    }

    /** The pod template (a copy); may be null. */
    @Override
    public Pod podTemplate() {
        return Pods.copy(podTemplate);
    }
}
