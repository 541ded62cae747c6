package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole lifecycle of an operator-target deployment through {@code FlinkDeployer} and its handle
 * on the in-memory cluster, where the testkit's operator stand-in does what the Flink Kubernetes
 * Operator does: the same handle calls as for the standalone target, carried out by the operator
 * through the {@code FlinkDeployment} (and a {@code FlinkStateSnapshot} for a savepoint).
 */
class OperatorLifecycleIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec orders(String image) {
        return Specs.ordersImage(image).withTarget(RenderTarget.OPERATOR);
    }

    private FlinkJobManager flink() {
        return fixture.cluster.flink(NS, "orders");
    }

    private SimulatedJob job() {
        return flink().latestJob().orElseThrow();
    }

    private GenericKubernetesResource resource(String kind, String name) {
        return fixture.cluster
                .client()
                .genericKubernetesResources("flink.apache.org/v1beta1", kind)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    @Test
    void applyWaitSavepointUpgradeScaleSuspendResumeAndDeleteRunThroughTheOperator() {
        // apply and wait
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders("orders:1.0"));
        orders.waitUntilRunning(WAIT);
        SimulatedJob first = job();
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        // a savepoint through a FlinkStateSnapshot; the job keeps running
        SavepointRecord manual = orders.triggerSavepoint();
        assertThat(flink().savepoints()).extracting(s -> s.path()).containsExactly(manual.path());
        assertThat(job().id()).isEqualTo(first.id());
        assertThat(orders.status().savepoints()).containsExactly(manual);
        // upgrade through a savepoint (upgradeMode savepoint)
        orders.upgrade(orders("orders:2.0"));
        orders.waitUntilRunning(WAIT);
        SimulatedJob second = job();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(flink().restoredFrom(second.id()))
                .contains(flink().lastSavepoint().orElseThrow().path());
        assertThat(resource("FlinkDeployment", "orders").<String>get("status", "lifecycleState"))
                .isEqualTo("STABLE");
        // scale: a new job parallelism in native mode redeploys through a savepoint too, and
        // Flink starts the TaskManagers it needs (8 slots, 2 per TaskManager)
        orders.scale(4, 8);
        orders.waitUntilRunning(WAIT);
        SimulatedJob third = job();
        assertThat(flink().restoredFrom(third.id()))
                .contains(flink().lastSavepoint().orElseThrow().path());
        assertThat(flink().readyTaskManagers()).isEqualTo(4);
        // suspend: job.state suspended stops the job with a savepoint and removes the cluster
        orders.suspend();
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
        assertThat(flink().isRunning()).isFalse();
        String suspendedAt = flink().lastSavepoint().orElseThrow().path();
        // resume from that savepoint
        orders.resume();
        orders.waitUntilRunning(WAIT);
        assertThat(flink().restoredFrom(job().id())).contains(suspendedAt);
        // delete
        orders.delete();
        fixture.cluster.settle();
        assertThat(resource("FlinkDeployment", "orders")).isNull();
        assertThat(flink().isRunning()).isFalse();
        assertThat(fixture.cluster.client().pods().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aFailedSavepointLeavesTheOldJobRunning() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders("orders:1.0"));
        orders.waitUntilRunning(WAIT);
        SimulatedJob running = job();
        flink().failNextSavepoint();
        // when / then
        assertThatThrownBy(orders::triggerSavepoint)
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining("failed as the Flink Kubernetes Operator reports it")
                .hasMessageContaining("the job keeps running");
        assertThat(job().id()).isEqualTo(running.id());
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(orders.status().savepoints()).isEmpty();
    }

    @Test
    void aFailedUpgradeSavepointLeavesTheOldJobRunningWithTheErrorInStatusUntilTheRetry() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders("orders:1.0"));
        orders.waitUntilRunning(WAIT);
        SimulatedJob running = job();
        flink().failNextSavepoint();
        // when
        orders.upgrade(orders("orders:2.0"));
        // then: the old job runs on, the operator's error is in the status
        assertThat(job().id()).isEqualTo(running.id());
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.status().message()).contains("error: Savepoint failed for job");
        assertThat(resource("FlinkDeployment", "orders").<String>get("status", "error"))
                .startsWith("Savepoint failed for job " + running.id());
        // and the operator retries at its next reconciliation
        fixture.cluster.advance(Duration.ofSeconds(60));
        orders.waitUntilRunning(WAIT);
        assertThat(job().id()).isNotEqualTo(running.id());
        assertThat(orders.status().message()).doesNotContain("error");
    }

    @Test
    void aJobManagerThatNeverBecomesReadyEndsTheWaitWithTheOperatorsReport() {
        // given: no node the JobManager can run on
        fixture.cluster.faults().failNode("node-1");
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders("orders:1.0"));
        // when / then
        assertThatThrownBy(() -> orders.waitUntilRunning(Duration.ofMillis(200)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("lifecycle DEPLOYED, JobManager DEPLOYING");
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.DEPLOYING);
        assertThat(flink().isRunning()).isFalse();
    }
}
