package io.flinkk8s.sdk.it;

import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.flink.RestEndpointResolver;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-memory cluster with simulated JobManagers behind their REST Services, and deployers for
 * it with test-speed options (1 ms backoff, 5 ms polls). Close it after the test.
 */
final class DeployFixture implements AutoCloseable {

    static final String NAMESPACE = "streaming";

    final SimulatedJobManagers jobManagers = new SimulatedJobManagers();
    final InMemoryFlinkK8sCluster cluster;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private final List<FlinkDeployer> deployers = new CopyOnWriteArrayList<>();

    DeployFixture() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(NAMESPACE)
                        .serviceBackends(jobManagers)
                        .start();
        jobManagers.attach(cluster);
    }

    /** How the SDK reaches JobManagers in these tests: the cluster's Service mapping. */
    RestEndpointResolver resolver() {
        return cluster::serviceEndpoint;
    }

    /** Test-speed options recording progress events in {@link #events}. */
    DeployOptions.Builder options() {
        return DeployOptions.builder()
                .retryPolicy(
                        RetryPolicy.defaults()
                                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .pollInterval(Duration.ofMillis(5))
                .readyTimeout(Duration.ofSeconds(20))
                .savepointTimeout(Duration.ofSeconds(20))
                .flinkRequestTimeout(Duration.ofSeconds(20))
                .restEndpointResolver(resolver())
                .progressListener(events::add);
    }

    FlinkDeployer deployer() {
        return deployer(options().build());
    }

    FlinkDeployer deployer(DeployOptions options) {
        FlinkDeployer deployer = FlinkDeployer.create(cluster.client(), options);
        deployers.add(deployer);
        return deployer;
    }

    @Override
    public void close() {
        deployers.forEach(FlinkDeployer::close);
        cluster.close();
        jobManagers.close();
    }
}
