package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployer keeps one Flink REST client per JobManager endpoint across calls; these tests prove
 * from the outside that a kept client never strands a deployer: a JobManager pod that restarts (a
 * new Flink runtime behind the REST Service) is reached by the same deployer's next call, and a
 * closed deployer's handles still reach Flink.
 */
class JobControlClientsIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aJobManagerRestartedBetweenTwoSavepointsIsReachedByTheSameDeployer() {
        // given: one savepoint through the deployer's client for the JobManager
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        orders.triggerSavepoint();
        FlinkJobManager flink = fixture.cluster.flink(NS, "orders");
        // when: the JobManager's container restarts, with a new Flink runtime
        fixture.cluster.faults().killPod(NS, jobManagerPod());
        fixture.cluster.awaitRunning(NS, "orders");
        SavepointRecord second = orders.triggerSavepoint();
        // then: the second savepoint is the new runtime's
        assertThat(flink.runtimeStarts()).isEqualTo(2);
        assertThat(flink.lastSavepoint())
                .hasValueSatisfying(s -> assertThat(s.path()).isEqualTo(second.path()));
        assertThat(orders.status().job().state()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aClosedDeployersHandleStillReadsAndSavepointsTheJob() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        orders.triggerSavepoint();
        // when
        deployer.close();
        // then
        assertThat(orders.status().job().state()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.triggerSavepoint().path()).startsWith("s3://flink/orders/savepoints/");
    }

    private String jobManagerPod() {
        return fixture.cluster.list(Pod.class, NS).stream()
                .filter(
                        p ->
                                Component.JOB_MANAGER
                                        .labelValue()
                                        .equals(
                                                p.getMetadata()
                                                        .getLabels()
                                                        .get(ResourceLabels.COMPONENT)))
                .findFirst()
                .orElseThrow()
                .getMetadata()
                .getName();
    }
}
