package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifecycleStatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNING_SPEC =
            ReconciledSpecs.write(
                    JSON.createObjectNode()
                            .set("job", JSON.createObjectNode().put("state", "running")),
                    false);
    private static final String SUSPENDED_SPEC =
            ReconciledSpecs.write(
                    JSON.createObjectNode()
                            .set("job", JSON.createObjectNode().put("state", "suspended")),
                    false);

    private static ObjectNode status(String lastReconciled, String lastStable, String state) {
        ObjectNode status = JSON.createObjectNode();
        ObjectNode r = status.putObject("reconciliationStatus");
        if (lastReconciled != null) {
            r.put("lastReconciledSpec", lastReconciled);
        }
        if (lastStable != null) {
            r.put("lastStableSpec", lastStable);
        }
        if (state != null) {
            r.put("state", state);
        }
        return status;
    }

    @Test
    void nothingReconciledIsCreatedOrFailedWithAnError() {
        ObjectNode created = status(null, null, null);
        ObjectNode failed = status(null, null, null).put("error", "bad spec");
        assertThat(LifecycleStates.derive(created)).isEqualTo("CREATED");
        assertThat(LifecycleStates.derive(failed)).isEqualTo("FAILED");
    }

    @Test
    void aDeployedSpecIsStableOnceItIsTheLastStableSpec() {
        assertThat(LifecycleStates.derive(status(RUNNING_SPEC, null, "DEPLOYED")))
                .isEqualTo("DEPLOYED");
        assertThat(LifecycleStates.derive(status(RUNNING_SPEC, RUNNING_SPEC, "DEPLOYED")))
                .isEqualTo("STABLE");
    }

    @Test
    void upgradingWinsOverSuspendedAndSuspendedOverAFailedJob() {
        ObjectNode upgrading = status(SUSPENDED_SPEC, null, "UPGRADING");
        ObjectNode suspended = status(SUSPENDED_SPEC, SUSPENDED_SPEC, "DEPLOYED");
        suspended.putObject("jobStatus").put("state", "FAILED");
        ObjectNode failed = status(RUNNING_SPEC, RUNNING_SPEC, "DEPLOYED");
        failed.putObject("jobStatus").put("state", "FAILED");
        assertThat(LifecycleStates.derive(upgrading)).isEqualTo("UPGRADING");
        assertThat(LifecycleStates.derive(suspended)).isEqualTo("SUSPENDED");
        assertThat(LifecycleStates.derive(failed)).isEqualTo("FAILED");
    }

    @Test
    void theRunningConditionFollowsTheJobAndKeepsItsTransitionTimeWhileItsStatusHolds() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ObjectNode status = JSON.createObjectNode();
        status.putObject("jobStatus").put("state", "RUNNING");
        JsonNode first = LifecycleStates.runningCondition(status, true, JSON.createArrayNode(), t0);
        JsonNode again =
                LifecycleStates.runningCondition(
                        status, true, JSON.createArrayNode().add(first), t0.plusSeconds(60));
        assertThat(first.toString())
                .isEqualTo(
                        "{\"type\":\"Running\",\"status\":\"True\",\"reason\":\"Running\","
                                + "\"message\":\"Job status RUNNING\","
                                + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aSessionClustersRunningConditionIsItsJobManagersReadiness() {
        ObjectNode status = JSON.createObjectNode().put("jobManagerDeploymentStatus", "DEPLOYING");
        JsonNode condition =
                LifecycleStates.runningCondition(
                        status, false, JSON.createArrayNode(), Instant.EPOCH);
        assertThat(condition.path("status").asText()).isEqualTo("False");
        assertThat(condition.path("reason").asText()).isEqualTo("JobManagerIsDeploying");
    }
}
