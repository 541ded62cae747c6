package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deployer a cluster hands out: it reaches the cluster's Flink, at test speed. */
@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class ClusterDeployerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theInjectedDeployerRunsTheHeadlineOnTheClustersFlink(
            FlinkDeployer deployer, FlinkK8sCluster cluster) {
        FlinkDeploymentHandle orders = deployer.apply(Specs.ordersSmall());

        orders.waitUntilRunning(WAIT);

        assertThat(deployer).isSameAs(cluster.deployer());
        FlinkK8sAssertions.assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .job()
                .isRunning();
    }

    @Test
    void deployOptionsResolveTheClustersServicesAndPollAtTestSpeed(FlinkK8sCluster cluster) {
        // given
        Specs.apply(cluster.client(), Specs.ordersSmall());
        cluster.awaitRunning("streaming", "orders");

        // when
        DeployOptions options = cluster.deployOptions();

        // then
        assertThat(options.restEndpointResolver().resolve("streaming", "orders-rest", 8081))
                .isEqualTo(cluster.serviceEndpoint("streaming", "orders-rest", FlinkPorts.REST));
        assertThat(options.clock()).isSameAs(cluster.clock());
        assertThat(options.pollInterval()).isLessThanOrEqualTo(Duration.ofMillis(10));
        assertThat(options.retryPolicy().maxBackoff()).isLessThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aSavepointIsRecordedAtTheClustersVirtualTime(
            FlinkDeployer deployer, FlinkK8sCluster cluster) {
        FlinkDeploymentHandle orders = deployer.apply(Specs.ordersSmall());
        orders.waitUntilRunning(WAIT);
        cluster.advance(Duration.ofMinutes(1));

        SavepointRecord savepoint = orders.triggerSavepoint();

        assertThat(savepoint.takenAt()).isEqualTo(cluster.now());
    }

    @Test
    void withDefaultOptionsTheRunningWaitTimesOutNamingTheAddressTriedAndTheResolverToUse(
            FlinkK8sCluster cluster) {
        try (FlinkDeployer deployer =
                FlinkDeployer.create(cluster.client(), DeployOptions.defaults())) {
            FlinkDeploymentHandle orders = deployer.apply(Specs.ordersSmall());

            assertThatThrownBy(() -> orders.waitUntilRunning(Duration.ofMillis(100)))
                    .isInstanceOf(WaitTimeoutException.class)
                    .hasMessageContaining("streaming/orders was not running within")
                    .hasMessageContaining("JobManager REST API not reachable yet")
                    .hasMessageContaining(
                            "tried http://orders-rest.streaming.svc:8081 for Service orders-rest"
                                    + " port 8081")
                    .hasMessageContaining("RestEndpointResolver.inCluster() (Service DNS)")
                    .hasMessageContaining("PortForwardEndpointResolver.create(client)")
                    .hasMessageContaining("cluster.deployOptions() or cluster.deployer()");
        }
    }

    @Test
    void closingAClusterTwiceIsHarmless() {
        InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder().start();
        cluster.deployer();
        cluster.close();

        cluster.close();

        assertThatThrownBy(() -> cluster.client().configMaps().inNamespace("default").list())
                .isInstanceOf(RuntimeException.class);
    }
}
