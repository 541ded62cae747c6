package io.flinkk8s.sdk.core.operator.crd.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the operator last deployed, its write-ahead log.
 *
 * @param reconciliationTimestamp when it last reconciled, milliseconds since the epoch
 * @param lastReconciledSpec the JSON of the spec it last deployed
 * @param lastStableSpec the JSON of the last spec that ran stably, the rollback target
 * @param state {@code DEPLOYED}, {@code UPGRADING}, {@code ROLLING_BACK} or {@code ROLLED_BACK}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"reconciliationTimestamp", "lastReconciledSpec", "lastStableSpec", "state"})
public record ReconciliationStatus(
        Long reconciliationTimestamp,
        String lastReconciledSpec,
        String lastStableSpec,
        String state) {}
