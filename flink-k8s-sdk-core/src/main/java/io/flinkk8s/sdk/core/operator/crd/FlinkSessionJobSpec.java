package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The spec of a {@link FlinkSessionJob}, as the operator's {@code FlinkSessionJobSpec}.
 *
 * @param deploymentName the session {@code FlinkDeployment} that runs the job (cannot change)
 * @param flinkConfiguration job-level Flink options, flat or nested YAML
 * @param job the job; required by the operator
 * @param restartNonce a change to a new value restarts the job (following {@code upgradeMode})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"deploymentName", "flinkConfiguration", "job", "restartNonce"})
public record FlinkSessionJobSpec(
        String deploymentName, JsonNode flinkConfiguration, JobSpec job, Long restartNonce) {

    /** Copies the configuration tree. */
    public FlinkSessionJobSpec {
        flinkConfiguration = ConfigTrees.copy(flinkConfiguration);
    }

    /** The Flink options as written (a copy); may be null. */
    @Override
    public JsonNode flinkConfiguration() {
        return ConfigTrees.copy(flinkConfiguration);
    }

    /**
     * {@code flinkConfiguration} with nested maps joined into dotted keys, sorted by key, as the
     * operator reads it; empty when there is none.
     *
     * @throws IllegalArgumentException when a value is a list or null, which has no flat form here
     */
    @JsonIgnore
    public Map<String, String> flatFlinkConfiguration() {
        return ConfigTrees.flat(flinkConfiguration);
    }
}
