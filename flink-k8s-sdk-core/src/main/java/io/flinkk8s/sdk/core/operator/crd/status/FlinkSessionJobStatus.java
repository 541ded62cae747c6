package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/**
 * The status of a {@code FlinkSessionJob}, as the operator's {@code FlinkSessionJobStatus}.
 *
 * @param jobStatus the job as the operator last saw it
 * @param error the last error, a JSON-serialised exception
 * @param observedGeneration the generation of the spec the operator last handled
 * @param lifecycleState as {@link FlinkDeploymentStatus#lifecycleState()}
 * @param reconciliationStatus what the operator last submitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "jobStatus",
    "error",
    "observedGeneration",
    "lifecycleState",
    "reconciliationStatus"
})
public record FlinkSessionJobStatus(
        JobStatus jobStatus,
        String error,
        Long observedGeneration,
        @PrinterColumn(name = "Lifecycle State") String lifecycleState,
        ReconciliationStatus reconciliationStatus) {}
