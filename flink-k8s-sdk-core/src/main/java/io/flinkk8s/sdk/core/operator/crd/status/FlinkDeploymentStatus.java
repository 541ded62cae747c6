package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status of a {@code FlinkDeployment}, as the operator's {@code FlinkDeploymentStatus}.
 *
 * @param jobStatus the job as the operator last saw it
 * @param error the last error, a JSON-serialised exception
 * @param observedGeneration the generation of the spec the operator last handled
 * @param lifecycleState {@code CREATED}, {@code SUSPENDED}, {@code UPGRADING}, {@code DEPLOYED},
 *     {@code STABLE}, {@code ROLLING_BACK}, {@code ROLLED_BACK}, {@code FAILED}, {@code DELETING}
 *     or {@code DELETED}
 * @param reconciliationStatus what the operator last deployed
 * @param jobManagerDeploymentStatus {@code READY}, {@code DEPLOYED_NOT_READY}, {@code DEPLOYING},
 *     {@code MISSING} or {@code ERROR}; only {@code READY} means the REST API answers
 * @param clusterInfo Flink version and revision, total CPU and memory, state size
 * @param taskManager the TaskManagers counted for the scale subresource
 * @param conditions one condition of type {@code Running}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "jobStatus",
    "error",
    "observedGeneration",
    "lifecycleState",
    "reconciliationStatus",
    "jobManagerDeploymentStatus",
    "clusterInfo",
    "taskManager",
    "conditions"
})
public record FlinkDeploymentStatus(
        JobStatus jobStatus,
        String error,
        Long observedGeneration,
        @PrinterColumn(name = "Lifecycle State") String lifecycleState,
        ReconciliationStatus reconciliationStatus,
        String jobManagerDeploymentStatus,
        Map<String, String> clusterInfo,
        TaskManagerInfo taskManager,
        List<Condition> conditions) {

    /** Copies the cluster info (sorted) and the conditions; null stays null. */
    public FlinkDeploymentStatus {
        clusterInfo =
                clusterInfo == null
                        ? null
                        : Collections.unmodifiableMap(new TreeMap<>(clusterInfo));
        conditions = copy(conditions);
    }

    /** The conditions (copies); may be null. */
    @Override
    public List<Condition> conditions() {
        return copy(conditions);
    }

    private static List<Condition> copy(List<Condition> conditions) {
        return conditions == null
                ? null
                : conditions.stream().map(c -> new ConditionBuilder(c).build()).toList();
    }
}
