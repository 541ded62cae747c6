package io.flinkk8s.sdk.benchmarks;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The status view at scale (issue 5): {@code deployments} running deployments of the headline spec
 * ({@link ThousandDeployments}), one view over all of them. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar StatusViewBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>Printed once per trial: the heap the view retains, measured as used heap after full GCs (three
 * {@code System.gc()} calls, {@code MemoryMXBean}) once the cluster is populated and again once the
 * view has started and shows every deployment RUNNING; the difference covers the four informer
 * caches (Deployments, pods, state records, Warning Events), the statuses, the threads and the
 * Flink REST client. Also printed: the time the view took to start (LIST, WATCH, first Flink read
 * of every JobManager) and the view's requests to the API server by verb and resource. Timed:
 * {@code statuses} (one full sweep: every status in one sorted list) and {@code noOpReApply} (one
 * re-apply of an unchanged spec with all the deployments in the cluster; the first call's writes,
 * if any, are checked to be none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
public class StatusViewBenchmark {

    /** The headline spec file, relative to the repository root. */
    @Param({"samples/specs/stateful-ha-application.yaml"})
    public String specFile;

    /** How many deployments. */
    @Param({"1000"})
    public int deployments;

    /**
     * How many Warning Events one TaskManager pod of each deployment has (BackOff, Unhealthy,
     * FailedMount in turn, each its own Event), written before the view starts: what the view's
     * Event informer caches. A healthy cluster has none.
     */
    @Param({"0"})
    public int warningEvents;

    private ThousandDeployments cluster;
    private DeploymentStatusView view;

    /** Populates the cluster, starts the view, and prints what it retains. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        cluster = new ThousandDeployments(specFile, deployments);
        writeWarnings();
        cluster.cluster.requests().reset();
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        view =
                cluster.deployer.statusView(
                        StatusViewOptions.namespace(ThousandDeployments.NAMESPACE)
                                .withStartTimeout(Duration.ofMinutes(10)));
        long started = System.nanoTime() - start;
        for (int i = 0; i < deployments; i++) {
            view.await(
                    ThousandDeployments.NAMESPACE,
                    cluster.name(i),
                    s -> s.lifecycle() == Lifecycle.RUNNING,
                    Duration.ofMinutes(5));
        }
        long after = usedHeapAfterGc();
        System.out.println();
        System.out.printf(
                "status view of %d deployments: started in %d ms, retains %.1f MiB"
                        + " (%.1f KiB per deployment)%n",
                deployments,
                TimeUnit.NANOSECONDS.toMillis(started),
                (after - before) / (1024.0 * 1024.0),
                (after - before) / 1024.0 / deployments);
        System.out.println("view requests: " + byVerb(cluster.cluster.requests().all()));
        cluster.cluster.requests().reset();
        cluster.deployer.apply(cluster.specs.get(0));
        System.out.println(
                "no-op re-apply of "
                        + cluster.name(0)
                        + ": "
                        + cluster.cluster.requests().all().size()
                        + " requests, "
                        + cluster.cluster.requests().writes().size()
                        + " writes");
    }

    private void writeWarnings() {
        String[] reasons = {"BackOff", "Unhealthy", "FailedMount"};
        String at = cluster.cluster.clock().instant().toString();
        for (int i = 0; i < deployments && warningEvents > 0; i++) {
            // a pod name as a ReplicaSet gives one (this cluster's pods are named more simply)
            String pod =
                    ResourceNames.of(cluster.name(i)).taskManagerDeployment() + "-7d9f8c6b5-x2x9q";
            for (int n = 0; n < warningEvents; n++) {
                String reason = reasons[n % reasons.length];
                cluster.cluster.create(
                        new EventBuilder()
                                .withNewMetadata()
                                .withName(pod + "." + n)
                                .withNamespace(ThousandDeployments.NAMESPACE)
                                .endMetadata()
                                .withNewInvolvedObject()
                                .withKind("Pod")
                                .withName(pod)
                                .withNamespace(ThousandDeployments.NAMESPACE)
                                .endInvolvedObject()
                                .withType("Warning")
                                .withReason(reason)
                                .withMessage(reason + " of container flink-main-container")
                                .withCount(n + 1)
                                .withFirstTimestamp(at)
                                .withLastTimestamp(at)
                                .build(),
                        "kubelet");
            }
        }
    }

    private static Map<String, Long> byVerb(List<ApiRequest> requests) {
        return requests.stream()
                .filter(r -> r.verb() == ApiVerb.LIST || r.verb() == ApiVerb.WATCH)
                .collect(
                        Collectors.groupingBy(
                                r -> r.verb() + " " + r.resource(),
                                TreeMap::new,
                                Collectors.counting()));
    }

    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Closes the view and the cluster. */
    @TearDown(Level.Trial)
    public void tearDown() {
        view.close();
        cluster.close();
    }

    /** One full sweep: every deployment's status, sorted. */
    @Benchmark
    public List<DeploymentStatus> statuses() {
        return view.statuses();
    }

    /**
     * One no-op re-apply of {@code orders-0000} (applied by the deployer, unchanged since) with all
     * the deployments in the cluster: its LISTs, validation, render and comparison, no write. A
     * sequential sweep over all deployments costs {@code deployments} times this.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object noOpReApply() {
        return cluster.deployer.apply(cluster.specs.get(0)).lastApply().orElseThrow();
    }
}
