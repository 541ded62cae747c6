package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * The spec of a {@link FlinkDeployment}, as the operator's {@code FlinkDeploymentSpec}. Every field
 * may be null (left out of the resource); the operator's defaults then apply.
 *
 * @param image the image of the JobManager and TaskManager pods
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}
 * @param flinkVersion the operator's Flink version constant, e.g. {@code v2_2}
 * @param serviceAccount the pods' service account (the operator requires one)
 * @param mode {@code native} (the operator's default) or {@code standalone}
 * @param flinkConfiguration Flink options, flat ({@code a.b: v}) or nested YAML ({@code a: {b:
 *     v}}), which the operator reads alike; {@link #flatFlinkConfiguration()} joins the nested form
 * @param logConfiguration file name ({@code log4j-console.properties}, {@code logback-console.xml})
 *     to content
 * @param ingress an Ingress to the JobManager's REST service
 * @param podTemplate the base pod template of the JobManager and TaskManager pods
 * @param jobManager the JobManager
 * @param taskManager the TaskManagers
 * @param job the job of an application cluster; null for a session cluster
 * @param restartNonce a change to a new value restarts the cluster (following {@code upgradeMode})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "image",
    "imagePullPolicy",
    "flinkVersion",
    "serviceAccount",
    "mode",
    "flinkConfiguration",
    "logConfiguration",
    "ingress",
    "podTemplate",
    "jobManager",
    "taskManager",
    "job",
    "restartNonce"
})
public record FlinkDeploymentSpec(
        String image,
        String imagePullPolicy,
        String flinkVersion,
        String serviceAccount,
        String mode,
        JsonNode flinkConfiguration,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> logConfiguration,
        IngressSpec ingress,
        Pod podTemplate,
        JobManagerSpec jobManager,
        TaskManagerSpec taskManager,
        JobSpec job,
        Long restartNonce) {

    /** Copies the configuration tree, the log files and the pod template. */
    public FlinkDeploymentSpec {
        flinkConfiguration = ConfigTrees.copy(flinkConfiguration);
        logConfiguration = ConfigTrees.sortedCopy(logConfiguration);
        podTemplate = Pods.copy(podTemplate);
    }

    /** The Flink options as written (a copy); may be null. */
    @Override
    public JsonNode flinkConfiguration() {
        return ConfigTrees.copy(flinkConfiguration);
    }

    /** The base pod template (a copy); may be null. */
    @Override
    public Pod podTemplate() {
        return Pods.copy(podTemplate);
    }

    /**
     * {@code flinkConfiguration} with nested maps joined into dotted keys and every value as text,
     * sorted by key, as the operator reads it; empty when there is none.
     *
     * @throws IllegalArgumentException when a value is a list or null, which has no flat form here
     */
    @JsonIgnore
    public Map<String, String> flatFlinkConfiguration() {
        return ConfigTrees.flat(flinkConfiguration);
    }
}
