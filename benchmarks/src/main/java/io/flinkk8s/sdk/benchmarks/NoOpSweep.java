package io.flinkk8s.sdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.deploy.BulkOutcome;
import io.flinkk8s.sdk.core.deploy.BulkResult;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A reconcile sweep at scale (issue 17): {@code count} deployments of the headline spec applied by
 * one {@code applyAll} (every object server-side-applied, as in a real cluster; the testkit's
 * controllers do not run), then a status view of the namespace, then the no-op sweep: {@code
 * applyAll} of the same specs again, timed, its API requests counted; then the same sweep without
 * the view. Prints the figures and the machine's load. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o package -pl benchmarks -am -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.flinkk8s.sdk.benchmarks.NoOpSweep 1000
 * </pre>
 */
public final class NoOpSweep {

    private NoOpSweep() {}

    /**
     * @param args the number of deployments (default 1000), then {@code without-view} to time the
     *     sweep without a status view too, and {@code restarts=N} to time, N times, the first sweep
     *     of a new deployer with a new view (a service restarting in a warm JVM)
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        boolean withoutView = false;
        int restarts = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("without-view")) {
                withoutView = true;
            } else if (args[i].startsWith("restarts=")) {
                restarts = Integer.parseInt(args[i].substring("restarts=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        FlinkDeploymentSpec headline =
                SpecSerialization.fromYaml(
                        Files.readString(Path.of("samples/specs/stateful-ha-application.yaml")));
        String ns = headline.namespace();
        try (InMemoryFlinkK8sCluster cluster =
                        InMemoryFlinkK8sCluster.builder().namespace(ns).autoSettle(false).start();
                SimulatedFlinkRuntime flink = SimulatedFlinkRuntime.builder().start();
                FlinkDeployer deployer =
                        FlinkDeployer.create(
                                cluster.client(),
                                DeployOptions.builder()
                                        .restEndpointResolver(
                                                (n, service, port) -> flink.restAddress())
                                        .build())) {
            List<FlinkDeploymentSpec> specs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                specs.add(withName(headline, String.format("orders-%04d", i)));
            }
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            BulkResult first = deployer.applyAll(specs);
            print("first applyAll", t, cpu, first, cluster);

            long before = usedHeapAfterGc();
            cluster.requests().reset();
            t = System.nanoTime();
            DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(ns));
            long started = System.nanoTime() - t;
            long after = usedHeapAfterGc();
            System.out.printf(
                    "status view: started in %d ms, %d requests, retains %.1f KiB per deployment"
                            + " (no pods: the controllers do not run)%n",
                    started / 1_000_000,
                    cluster.requests().all().size(),
                    (after - before) / 1024.0 / count);

            for (int round = 1; round <= 3; round++) {
                quiet();
                cluster.requests().reset();
                t = System.nanoTime();
                cpu = processCpuNanos();
                BulkResult sweep = deployer.applyAll(specs);
                print("no-op sweep with the view, round " + round, t, cpu, sweep, cluster);
            }
            // equal specs as new objects, as a service reading its specs anew each sweep has them
            List<FlinkDeploymentSpec> copies = new ArrayList<>();
            for (FlinkDeploymentSpec spec : specs) {
                copies.add(SpecSerialization.fromJson(SpecSerialization.toJson(spec)));
            }
            cluster.requests().reset();
            t = System.nanoTime();
            cpu = processCpuNanos();
            BulkResult fresh = deployer.applyAll(copies);
            print("no-op sweep with the view, equal specs as new objects", t, cpu, fresh, cluster);
            copies = null;
            long swept = usedHeapAfterGc();
            System.out.printf(
                    "heap after the sweeps: %.1f KiB per deployment more than after the view"
                            + " started (what the deployer remembers per deployment)%n",
                    (swept - after) / 1024.0 / count);
            for (int r = 1; r <= restarts; r++) {
                restart(r, ns, specs, cluster, flink);
            }
            if (withoutView) {
                view.close();
                cluster.requests().reset();
                t = System.nanoTime();
                cpu = processCpuNanos();
                BulkResult sweep = deployer.applyAll(specs);
                print("no-op sweep without a view", t, cpu, sweep, cluster);
            }
        }
    }

    /**
     * A new deployer with a new view over the same cluster: its first sweep works every deployment
     * out (nothing remembered), its second is answered from what the first remembered.
     */
    private static void restart(
            int round,
            String ns,
            List<FlinkDeploymentSpec> specs,
            InMemoryFlinkK8sCluster cluster,
            SimulatedFlinkRuntime flink) {
        try (FlinkDeployer deployer =
                        FlinkDeployer.create(
                                cluster.client(),
                                DeployOptions.builder()
                                        .restEndpointResolver(
                                                (n, service, port) -> flink.restAddress())
                                        .build());
                DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(ns))) {
            for (int sweep = 1; sweep <= 2; sweep++) {
                quiet();
                cluster.requests().reset();
                long t = System.nanoTime();
                long cpu = processCpuNanos();
                BulkResult result = deployer.applyAll(specs);
                print(
                        "restart " + round + ": new deployer and view, sweep " + sweep,
                        t,
                        cpu,
                        result,
                        cluster);
            }
        }
    }

    private static void print(
            String what,
            long start,
            long cpuAt,
            BulkResult result,
            InMemoryFlinkK8sCluster cluster) {
        long cpu = processCpuNanos();
        System.out.printf(
                "%s: %d ms (process CPU %d ms), %s, %d requests (%d"
                        + " writes), load average %.2f%n",
                what,
                (System.nanoTime() - start) / 1_000_000,
                (cpu - cpuAt) / 1_000_000,
                result,
                cluster.requests().all().size(),
                cluster.requests().writes().size(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        result.with(BulkOutcome.Status.FAILED).stream()
                .limit(3)
                .forEach(o -> System.out.println("  " + o));
    }

    /**
     * Waits (at most 10 s) until the process uses less than 10 ms of CPU in 200 ms, so that the
     * view's start (its informers' lists, served by the in-process API server) is not counted in
     * the sweep's CPU.
     */
    private static void quiet() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long cpu = processCpuNanos();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (processCpuNanos() - cpu < 10_000_000L) {
                return;
            }
        }
    }

    private static FlinkDeploymentSpec withName(FlinkDeploymentSpec spec, String name) {
        try {
            ObjectNode json =
                    (ObjectNode) new ObjectMapper().readTree(SpecSerialization.toJson(spec));
            json.put("name", name);
            return SpecSerialization.fromJson(json.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
