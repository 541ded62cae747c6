package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.RestorePoint;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.FlinkRuntimeMode;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint upgrade on real Flink: a MiniCluster per JobManager pod, started with the
 * deployment's Flink configuration, so the savepoint lands in the spec's directory and what the new
 * job was restored from is what Flink's own checkpoint statistics say.
 */
class SavepointUpgradeMiniClusterIT {

    private static final String NS = "streaming";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path state;

    private InMemoryFlinkK8sCluster cluster;
    private FlinkDeployer deployer;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(NS)
                        .flinkRuntime(FlinkRuntimeMode.MINI_CLUSTER)
                        .start();
        deployer =
                FlinkDeployer.create(
                        cluster.client(),
                        DeployOptions.builder()
                                .retryPolicy(
                                        RetryPolicy.defaults()
                                                .withBackoff(
                                                        Duration.ofMillis(5),
                                                        Duration.ofMillis(50)))
                                .pollInterval(Duration.ofMillis(20))
                                .readyTimeout(WAIT)
                                .savepointTimeout(WAIT)
                                .flinkRequestTimeout(WAIT)
                                .restEndpointResolver(cluster.restEndpointResolver())
                                .build());
    }

    @AfterEach
    void stop() {
        deployer.close();
        cluster.close();
    }

    private FlinkDeploymentSpec generator(String image) {
        URI checkpoints = state.resolve("checkpoints").toUri();
        URI savepoints = state.resolve("savepoints").toUri();
        return FlinkK8s.application("generator")
                .namespace(NS)
                .image(image)
                .taskManagers(tm -> tm.replicas(1).slots(1))
                .job(
                        job ->
                                job.jarURI("local:///opt/flink/usrlib/generator.jar")
                                        .entryClass(GeneratorJob.class.getName())
                                        .args("generator")
                                        .parallelism(1)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofMinutes(10))
                                        .to(checkpoints.toString())
                                        .savepointsTo(savepoints.toString()))
                .build();
    }

    @Test
    void theUpgradedJobWasRestoredFromTheUpgradeSavepointAsFlinksCheckpointStatisticsSay() {
        // given
        FlinkDeploymentHandle handle = deployer.apply(generator("generator:1"));
        handle.waitUntilRunning(WAIT);
        // when
        deployer.apply(generator("generator:2"));
        handle.waitUntilRunning(WAIT);
        DeploymentStatus status = handle.status();
        // then
        SavepointRecord taken = status.lastSavepoint();
        assertThat(taken.reason()).isEqualTo(SavepointRecord.Reason.UPGRADE);
        assertThat(Path.of(URI.create(taken.path()))).isDirectory().startsWith(state);
        assertThat(status.restoredFrom())
                .isEqualTo(
                        new RestorePoint(
                                taken.path(),
                                RestorePoint.Kind.SAVEPOINT,
                                RestorePoint.Origin.FLINK,
                                taken));
        FlinkJobManager flink = cluster.flink(NS, "generator");
        SimulatedJob upgraded = flink.latestJob().orElseThrow();
        assertThat(flink.runtimeStarts()).isEqualTo(2);
        assertThat(flink.restoredFrom(upgraded.id())).contains(taken.path());
    }
}
