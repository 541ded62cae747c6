package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits, status, scale, savepoints, suspend, resume and delete on the in-memory cluster. */
class LifecycleIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void waitUntilRunningReturnsOnceThePodsAreReadyAndTheJobRuns() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        // when
        orders.waitUntilRunning(WAIT);
        // then
        SimulatedJob job = runtime().jobs().get(0);
        assertThat(job.entryClass()).isEqualTo("com.acme.orders.OrdersJob");
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.events())
                .extracting(ProgressEvent::message)
                .contains(
                        "JobManager 1/1 ready, 3/3 TaskManagers ready",
                        "job " + job.id() + " RUNNING");
    }

    @Test
    void waitUntilReadyReportsProgressUntilTheProbesPass() throws Exception {
        // given: TaskManagers turn ready 30 s (virtual) after they start
        FlinkDeploymentHandle orders =
                fixture.deployer().apply(Specs.withTaskManagerReadinessDelay(30));
        var waiting = CompletableFuture.runAsync(() -> orders.waitUntilReady(WAIT));
        fixture.awaitEvent("JobManager 1/1 ready, 0/3 TaskManagers ready");
        // when
        fixture.cluster.advance(Duration.ofSeconds(30));
        // then
        waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(fixture.events())
                .extracting(ProgressEvent::message)
                .containsSubsequence(
                        "JobManager 1/1 ready, 0/3 TaskManagers ready",
                        "JobManager 1/1 ready, 3/3 TaskManagers ready");
    }

    @Test
    void waitUntilReadyTimesOutNamingWhatItLastSaw() {
        FlinkDeploymentHandle orders =
                fixture.deployer().apply(Specs.withTaskManagerReadinessDelay(30));

        assertThatThrownBy(() -> orders.waitUntilReady(Duration.ofMillis(200)))
                .isInstanceOfSatisfying(
                        WaitTimeoutException.class,
                        e ->
                                assertThat(e.lastObserved())
                                        .isEqualTo("JobManager 1/1 ready, 0/3 TaskManagers ready"))
                .hasMessageStartingWith(
                        "streaming/orders was not ready within PT0.2S; last"
                                + " observed: JobManager 1/1 ready, 0/3 TaskManagers ready");
    }

    @Test
    void statusCombinesThePodsAndTheJob() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.jobManager().toString()).isEqualTo("1/1");
        assertThat(status.taskManagers().toString()).isEqualTo("3/3");
        assertThat(status.job().state()).isEqualTo(JobStatus.RUNNING);
        assertThat(status.job().id()).isEqualTo(runtime().jobs().get(0).id().toHexString());
        assertThat(status.upgradeStep()).isNull();
    }

    @Test
    void statusOfADeploymentNeverAppliedIsDeleted() {
        DeploymentStatus status = fixture.deployer().handle(NS, "nothing").status();

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.DELETED);
    }

    @Test
    void scaleChangesTheTaskManagersWithoutRestartingTheJob() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        SimulatedJob before = runtime().jobs().get(0);
        // when
        ApplyResult result = orders.scale(4);
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(result.transition()).isEqualTo(ApplyResult.Transition.NONE);
        assertThat(deployment(NAMES.taskManagerDeployment()).getSpec().getReplicas()).isEqualTo(4);
        assertThat(runtime().job(before.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.cluster.flink(NS, "orders").runtimeStarts()).isEqualTo(1);
    }

    @Test
    void triggerSavepointRecordsItInTheClusterAndKeepsTheJobRunning() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        SavepointRecord savepoint = orders.triggerSavepoint();
        // then
        assertThat(savepoint.path()).startsWith("s3://flink/orders/savepoints/savepoint-");
        assertThat(savepoint.reason()).isEqualTo(SavepointRecord.Reason.MANUAL);
        assertThat(runtime().jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.deployer().handle(NS, "orders").status().savepoints())
                .containsExactly(savepoint);
    }

    @Test
    void suspendStopsWithASavepointAndScalesToZero() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        SimulatedFlinkRuntime flink = runtime();
        // when
        ApplyResult result = orders.suspend();
        // then
        assertThat(result.transition()).isEqualTo(ApplyResult.Transition.SUSPEND);
        assertThat(flink.jobs().get(0).status()).isEqualTo(JobStatus.FINISHED);
        assertThat(deployment(NAMES.jobManagerDeployment()).getSpec().getReplicas()).isZero();
        assertThat(deployment(NAMES.taskManagerDeployment()).getSpec().getReplicas()).isZero();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.configMap())).isPresent();
        DeploymentStatus status = orders.status();
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
        assertThat(status.lastSavepoint().reason()).isEqualTo(SavepointRecord.Reason.SUSPEND);
        assertThat(status.lastSavepoint().path()).isEqualTo(flink.savepoints().get(0).path());
    }

    @Test
    void resumeStartsTheJobFromTheSavepointOfItsSuspension() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        orders.suspend();
        String savepoint = orders.status().lastSavepoint().path();
        // when: a handle from another deployer, as after a restart of the service
        FlinkDeploymentHandle again = fixture.deployer().handle(NS, "orders");
        ApplyResult result = again.resume();
        again.waitUntilRunning(WAIT);
        // then
        assertThat(result.transition()).isEqualTo(ApplyResult.Transition.RESUME);
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(savepoint);
        assertThat(deployment(NAMES.taskManagerDeployment()).getSpec().getReplicas()).isEqualTo(3);
        assertThat(again.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void deleteRemovesTheObjectsAndKeepsTheStateRecordWithItsSavepoints() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        SavepointRecord savepoint = orders.triggerSavepoint();
        // when
        orders.delete();
        // then
        assertThat(fixture.cluster.list(Deployment.class, NS)).isEmpty();
        assertThat(fixture.cluster.list(Service.class, NS)).isEmpty();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.configMap())).isEmpty();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState())).isPresent();
        DeploymentStatus status = orders.status();
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(status.savepoints()).containsExactly(savepoint);
    }

    @Test
    void deleteEverythingAlsoRemovesTheStateRecord() {
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());

        orders.delete(DeleteOptions.everything());

        assertThat(fixture.cluster.list(ConfigMap.class, NS))
                .extracting(c -> c.getMetadata().getName())
                .doesNotContain(NAMES.sdkState(), NAMES.configMap());
    }

    @Test
    void applyAfterDeleteDeploysAgainAndKeepsTheSavepointHistory() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        SavepointRecord savepoint = orders.triggerSavepoint();
        orders.delete();
        // when
        deployer.apply(Specs.orders()).waitUntilRunning(WAIT);
        // then
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(orders.status().savepoints()).containsExactly(savepoint);
    }

    private SimulatedFlinkRuntime runtime() {
        return fixture.runtime(NS, "orders");
    }

    private Deployment deployment(String name) {
        return fixture.cluster.find(Deployment.class, NS, name).orElseThrow();
    }
}
