package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions;
import io.flinkk8s.sdk.testkit.faults.ApiFault;
import io.flinkk8s.sdk.testkit.faults.FailureRate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The testkit snippets of the README, compiled and run as they are printed there. */
@FlinkK8sTest(namespace = "streaming")
class ReadmeTestkitExampleIT {

    static FlinkDeploymentSpec orders(String image) {
        return FlinkK8s.application("orders")
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_1)
                .image(image)
                .taskManagers(tm -> tm.replicas(3).slots(4))
                .job(
                        job ->
                                job.jarURI("local:///opt/flink/usrlib/orders.jar")
                                        .entryClass("com.acme.Orders")
                                        .parallelism(12)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofSeconds(30))
                                        .to("s3://bucket/cp")
                                        .savepointsTo("s3://bucket/sp"))
                .build();
    }

    @Test
    void upgradesThroughASavepointOnAFlakyApi(FlinkDeployer deployer, FlinkK8sCluster cluster) {
        FlinkDeploymentHandle handle = deployer.apply(orders("registry.example.com/orders:1.4.2"));
        handle.waitUntilRunning(Duration.ofSeconds(30));

        // 10 % of the writes answer 503, the same ones on every run; the deployer's retries recover
        try (ApiFault fault = cluster.faults().failRequests(FailureRate.percent(10).withSeed(7))) {
            deployer.apply(orders("registry.example.com/orders:1.5.0")); // stop-with-savepoint
            handle.waitUntilRunning(Duration.ofSeconds(30));
            assertThat(fault.failedRequests()).isNotEmpty();
        }
        assertThat(handle.status().lastSavepoint().reason())
                .isEqualTo(SavepointRecord.Reason.UPGRADE);
        FlinkK8sAssertions.assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .job()
                .isRunning();
    }

    @Test
    void comesBackFromTheSavepointItsDeleteTook(FlinkDeployer deployer) {
        FlinkDeploymentSpec spec = orders("registry.example.com/orders:1.4.2");
        FlinkDeploymentHandle handle = deployer.apply(spec);
        handle.waitUntilRunning(Duration.ofSeconds(30));

        // stop with a savepoint, delete the objects, keep PVCs, HA data and the savepoint history
        handle.delete(DeleteOptions.keepState().withSavepointFirst());
        String savepoint = handle.status().lastSavepoint().path();

        assertThat(deployer.plan(spec).restoreSavepoint()).contains(savepoint);
        deployer.apply(spec).waitUntilRunning(Duration.ofSeconds(30));
        assertThat(handle.status().restoredFrom().path()).isEqualTo(savepoint);
    }

    @Test
    void upgradesThroughTheOperatorStandIn(FlinkDeployer deployer, FlinkK8sCluster cluster) {
        FlinkDeploymentHandle handle =
                deployer.apply(
                        FlinkK8s.from(orders("registry.example.com/orders:1.4.2"))
                                .target(RenderTarget.OPERATOR)
                                .build());
        handle.waitUntilRunning(Duration.ofSeconds(30));
        assertThat(handle.status().message())
                .isEqualTo("operator: lifecycle STABLE, JobManager READY, job RUNNING");

        handle.upgrade(
                FlinkK8s.from(orders("registry.example.com/orders:1.5.0"))
                        .target(RenderTarget.OPERATOR)
                        .build()); // the operator stops the job with a savepoint
        handle.waitUntilRunning(Duration.ofSeconds(30));

        FlinkJobManager flink = cluster.flink("streaming", "orders");
        assertThat(flink.restoredFrom(flink.latestJob().orElseThrow().id()))
                .contains(flink.lastSavepoint().orElseThrow().path());
    }

    /** A test that plays the operator itself turns the stand-in off. */
    @Nested
    @FlinkK8sTest(namespace = "streaming", operatorStandIn = false)
    class WithTheStandInOff {

        @Test
        void followsTheStatusTheTestWrites(FlinkDeployer deployer, KubernetesClient client) {
            FlinkDeploymentHandle handle =
                    deployer.apply(
                            FlinkK8s.from(orders("registry.example.com/orders:1.4.2"))
                                    .target(RenderTarget.OPERATOR)
                                    .build());

            var flinkDeployments =
                    client.genericKubernetesResources(
                            "flink.apache.org/v1beta1", "FlinkDeployment");
            GenericKubernetesResource orders = flinkDeployments.withName("orders").get();
            orders.setAdditionalProperty(
                    "status",
                    Map.of(
                            "lifecycleState", "STABLE",
                            "jobManagerDeploymentStatus", "READY",
                            "jobStatus",
                                    Map.of(
                                            "jobId", "5f3a", "jobName", "orders", "state",
                                            "RUNNING")));
            flinkDeployments.resource(orders).updateStatus();

            handle.waitUntilRunning(Duration.ofSeconds(30));
            assertThat(handle.status().job().id()).isEqualTo("5f3a");
        }
    }
}
