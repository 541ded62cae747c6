package io.flinkk8s.sdk.it;

import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.flink.RestEndpointResolver;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-memory cluster with simulated JobManagers behind their REST Services, and deployers for it
 * with test-speed options (1 ms backoff, 5 ms polls). Close it after the test.
 */
final class DeployFixture implements AutoCloseable {

    static final String NAMESPACE = "streaming";

    final SimulatedJobManagers jobManagers = new SimulatedJobManagers();
    final InMemoryFlinkK8sCluster cluster;
    private final List<ProgressEvent> events = new ArrayList<>();
    private final List<FlinkDeployer> deployers = new CopyOnWriteArrayList<>();

    DeployFixture() {
        cluster = InMemoryFlinkK8sCluster.builder().namespace(NAMESPACE).start();
        jobManagers.attach(cluster);
    }

    /**
     * How the SDK reaches JobManagers in these tests: the cluster's Service mapping, with the REST
     * port bound to {@link #jobManagers} on first use.
     */
    RestEndpointResolver resolver() {
        return (ns, service, port) -> {
            if (port == FlinkPorts.REST) {
                cluster.bindServicePort(ns, service, port, () -> jobManagers.address(ns, service));
            }
            return cluster.serviceEndpoint(ns, service, port);
        };
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
                .progressListener(this::record);
    }

    /** The progress events so far. */
    List<ProgressEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Blocks until a progress event with {@code message} arrived, at most 20 s. */
    void awaitEvent(String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (events) {
            while (events.stream().noneMatch(e -> e.message().equals(message))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no progress event \"" + message + "\" in " + events);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void record(ProgressEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    FlinkDeployer deployer() {
        return deployer(options().build());
    }

    /**
     * A deployer that reaches the JobManagers the in-memory cluster runs itself (its simulated
     * Flink runtime), instead of {@link #jobManagers}.
     */
    FlinkDeployer deployerOnClusterFlink() {
        return deployer(options().restEndpointResolver(cluster.restEndpointResolver()).build());
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
