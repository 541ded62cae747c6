package io.flinkk8s.sdk.it;

import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-memory cluster, whose own JobManager controller runs simulated Flink behind every
 * JobManager's REST Service, and deployers for it with test-speed options (1 ms backoff, 5 ms
 * polls). Close it after the test.
 */
final class DeployFixture implements AutoCloseable {

    static final String NAMESPACE = "streaming";

    final InMemoryFlinkK8sCluster cluster;
    private final List<ProgressEvent> events = new ArrayList<>();
    private final List<FlinkDeployer> deployers = new CopyOnWriteArrayList<>();

    DeployFixture() {
        this(true);
    }

    /**
     * @param operatorStandIn whether the testkit's operator stand-in runs; off for a test that
     *     plays the Flink Kubernetes Operator itself, writing the resource's status
     */
    DeployFixture(boolean operatorStandIn) {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(NAMESPACE)
                        .operatorStandIn(operatorStandIn)
                        .start();
    }

    /**
     * The simulated Flink runtime behind the JobManager of {@code namespace/name} now, as the
     * cluster's JobManager controller runs it (a new one per JobManager pod).
     */
    SimulatedFlinkRuntime runtime(String namespace, String name) {
        return cluster.flink(namespace, name)
                .runtime()
                .map(SimulatedFlinkRuntime.class::cast)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no Flink runs behind "
                                                + namespace
                                                + "/"
                                                + name
                                                + "\n"
                                                + cluster.dump()));
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
                .restEndpointResolver(cluster.restEndpointResolver())
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

    FlinkDeployer deployer(DeployOptions options) {
        FlinkDeployer deployer = FlinkDeployer.create(cluster.client(), options);
        deployers.add(deployer);
        return deployer;
    }

    @Override
    public void close() {
        deployers.forEach(FlinkDeployer::close);
        cluster.close();
    }
}
