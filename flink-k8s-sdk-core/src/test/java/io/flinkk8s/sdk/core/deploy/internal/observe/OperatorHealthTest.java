package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.HealthVerdict;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verdict of an operator-target deployment, from its FlinkDeployment's status, trusted only
 * once the operator has handled the latest spec ({@code status.observedGeneration}).
 */
class OperatorHealthTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aStableResourceOfTheLatestGenerationIsHealthy() {
        // when
        DeploymentStatus status = status(resource(3L, stable(3L)));
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.verdict()).isEqualTo(HealthVerdict.HEALTHY);
        assertThat(status.condition(Condition.READY).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.isTrue()).isTrue();
                            assertThat(c.observedGeneration()).isEqualTo(3L);
                            assertThat(c.lastTransitionTime()).isEqualTo(NOW);
                        });
    }

    @Test
    void aStatusOfAnOlderGenerationIsNotTrustedUntilTheOperatorHandledTheNewSpec() {
        // when: the spec moved to generation 4; the operator's STABLE is of generation 3
        DeploymentStatus status = status(resource(4L, stable(3L)));
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.UPGRADING);
        assertThat(status.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
        assertThat(status.jobManager().ready()).isZero();
        assertThat(status.message()).startsWith("operator: has not handled generation 4 yet");
        assertThat(status.condition(Condition.PROGRESSING).orElseThrow().reason())
                .isEqualTo("Upgrading");
    }

    @Test
    void aFailedResourceIsFailedWithTheOperatorsError() {
        // when
        DeploymentStatus status =
                status(
                        resource(
                                2L,
                                Map.of(
                                        "observedGeneration",
                                        2,
                                        "lifecycleState",
                                        "FAILED",
                                        "error",
                                        "back-off pulling image",
                                        "jobStatus",
                                        Map.of("jobId", "a1", "state", "FAILED"))));
        // then
        assertThat(status.verdict()).isEqualTo(HealthVerdict.FAILED);
        assertThat(status.job().rootException()).isEqualTo("back-off pulling image");
        assertThat(status.condition(Condition.DEGRADED).orElseThrow().message())
                .isEqualTo("job a1 FAILED: back-off pulling image");
    }

    private static DeploymentStatus status(GenericKubernetesResource cr) {
        return OperatorObserver.status(
                "streaming", "orders", Optional.of(cr), Optional.empty(), NOW);
    }

    private static Map<String, Object> stable(long observed) {
        return Map.of(
                "observedGeneration",
                observed,
                "lifecycleState",
                "STABLE",
                "jobManagerDeploymentStatus",
                "READY",
                "jobStatus",
                Map.of("jobId", "a1", "jobName", "orders", "state", "RUNNING"),
                "taskManager",
                Map.of("replicas", 2));
    }

    private static GenericKubernetesResource resource(long generation, Map<String, Object> status) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind("FlinkDeployment")
                .withNewMetadata()
                .withName("orders")
                .withNamespace("streaming")
                .withGeneration(generation)
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        Map.of(
                                "jobManager",
                                Map.of("replicas", 1),
                                "taskManager",
                                Map.of("replicas", 2)))
                .addToAdditionalProperties("status", status)
                .build();
    }
}
