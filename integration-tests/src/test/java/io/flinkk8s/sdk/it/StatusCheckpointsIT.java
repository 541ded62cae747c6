package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.RestorePoint;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job's latest checkpoint and savepoint in a deployment's status, read from the simulated
 * JobManager's checkpoint statistics ({@code GET /jobs/:jobid/checkpoints}).
 */
class StatusCheckpointsIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theLastCheckpointAppearsOnceTheJobCompletesOne() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        FlinkJobManager flink = fixture.cluster.flink(NS, "orders");
        JobID job = flink.latestJob().orElseThrow().id();
        CheckpointInfo before = orders.status().job().lastCheckpoint();
        // when
        long id = flink.completeCheckpoint(job);
        CheckpointInfo after = orders.status().job().lastCheckpoint();
        // then
        assertThat(before).isNull();
        assertThat(after.id()).isEqualTo(id);
        assertThat(after.externalPath())
                .isEqualTo("s3://flink/orders/checkpoints/" + job + "/chk-" + id);
        assertThat(after.completedAt()).isEqualTo(fixture.cluster.clock().instant());
    }

    @Test
    void theViewReadsTheLastCheckpointToo() {
        // given
        deployer.apply(Specs.orders());
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.await(NS, "orders", s -> s.lifecycle() == Lifecycle.RUNNING, WAIT);
        FlinkJobManager flink = fixture.cluster.flink(NS, "orders");
        // when
        long id = flink.completeCheckpoint(flink.latestJob().orElseThrow().id());
        DeploymentStatus status = view.refresh(NS, "orders");
        // then
        assertThat(status.job().lastCheckpoint().id()).isEqualTo(id);
    }

    @Test
    void aTriggeredSavepointIsTheJobsLastSavepointAndTheLatestPath() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        SavepointRecord taken = orders.triggerSavepoint();
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.job().lastSavepoint().externalPath()).isEqualTo(taken.path());
        assertThat(status.lastSavepoint()).isEqualTo(taken);
        assertThat(status.latestSavepointPath()).contains(taken.path());
    }

    @Test
    void theStatusSaysWhichSavepointTheRunningJobStartedFromAsFlinkReportsIt() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        RestorePoint first = orders.status().restoredFrom();
        // when
        deployer.apply(Specs.ordersImage("registry.example.com/orders:2.0"));
        DeploymentStatus status = orders.status();
        // then
        SavepointRecord taken = status.lastSavepoint();
        assertThat(first).isNull();
        assertThat(status.job().restoredFrom().externalPath()).isEqualTo(taken.path());
        assertThat(status.restoredFrom())
                .isEqualTo(
                        new RestorePoint(
                                taken.path(),
                                RestorePoint.Kind.SAVEPOINT,
                                RestorePoint.Origin.FLINK,
                                taken));
        assertThat(taken.reason()).isEqualTo(SavepointRecord.Reason.UPGRADE);
    }

    @Test
    void theViewSaysWhichSavepointTheRunningJobStartedFromToo() {
        // given
        deployer.apply(Specs.orders()).waitUntilRunning(WAIT);
        deployer.apply(Specs.ordersImage("registry.example.com/orders:2.0"));
        String savepoint = fixture.cluster.flink(NS, "orders").lastSavepoint().orElseThrow().path();
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        // when
        DeploymentStatus status =
                view.await(
                        NS,
                        "orders",
                        s -> s.lifecycle() == Lifecycle.RUNNING && s.job() != null,
                        WAIT);
        // then
        assertThat(status.restoredFrom().path()).isEqualTo(savepoint);
        assertThat(status.restoredFrom().origin()).isEqualTo(RestorePoint.Origin.FLINK);
        assertThat(status.restoredFrom().kind()).isEqualTo(RestorePoint.Kind.SAVEPOINT);
    }

    @Test
    void aSuspendedDeploymentsLatestSavepointIsTheOneTheSdkRecorded() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        // when
        orders.suspend();
        DeploymentStatus status = orders.status();
        // then: no JobManager to ask, the record in the cluster knows
        String taken = fixture.cluster.flink(NS, "orders").lastSavepoint().orElseThrow().path();
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
        assertThat(status.job()).isNull();
        assertThat(status.latestSavepointPath()).contains(taken);
        assertThat(status.restoredFrom()).as("no job runs").isNull();
    }
}
