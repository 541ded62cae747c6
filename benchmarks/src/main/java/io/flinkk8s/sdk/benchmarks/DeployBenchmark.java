package io.flinkk8s.sdk.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The deployer's apply targets (issue 5) on the in-memory cluster: requests per first apply and per
 * no-op re-apply of the headline spec, and the first apply's latency when every API request is
 * answered {@code latencyMs} late, against server-side-applying the same rendered objects one by
 * one. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DeployBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>The request counts are a one-shot measurement, printed once per trial ({@code requests per
 * ...} lines): a first apply and a re-apply of the same spec on a fresh cluster, counted on the
 * cluster's request log by verb. The clusters run without their controllers ({@code
 * autoSettle(false)}), so what is timed is the deployer and the API server, not pods starting.
 * {@code sdkFirstApply} is {@code FlinkDeployer.apply} of the headline spec (a LIST of ConfigMaps,
 * the objects in two waves, concurrently within a wave, then the state record); {@code
 * oneByOneApply} server-side-applies the same rendered objects sequentially and nothing else. Each
 * invocation gets a fresh cluster, started outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 4)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class DeployBenchmark {

    /** The headline spec file, relative to the repository root. */
    @Param({"samples/specs/stateful-ha-application.yaml"})
    public String specFile;

    /** Injected latency of every API request, in milliseconds (0: none, the baseline). */
    @Param({"0", "20"})
    public int latencyMs;

    private CustomResourceDefinitions crds;
    private KubernetesSerialization serialization;
    private FlinkDeploymentSpec spec;

    /** Reads the spec, parses the CRDs, and prints the request counts once. */
    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        crds = CustomResourceDefinitions.flinkOperator();
        serialization = new KubernetesSerialization();
        spec = SpecSerialization.fromYaml(Files.readString(Path.of(specFile)));
        printRequestCounts();
    }

    private void printRequestCounts() {
        try (InMemoryFlinkK8sCluster cluster = cluster();
                FlinkDeployer deployer = deployer(cluster)) {
            List<HasMetadata> rendered = deployer.options().renderer().render(spec).all();
            cluster.requests().reset();
            FlinkDeploymentHandle first = deployer.apply(spec);
            List<ApiRequest> firstApply = cluster.requests().all();
            cluster.requests().reset();
            deployer.apply(spec);
            List<ApiRequest> reApply = cluster.requests().all();
            System.out.println();
            System.out.println(
                    "rendered objects: "
                            + rendered.size()
                            + " "
                            + rendered.stream()
                                    .map(HasMetadata::getKind)
                                    .collect(Collectors.toList()));
            System.out.println("requests per first apply: " + describe(firstApply));
            System.out.println("requests per no-op re-apply: " + describe(reApply));
            System.out.println(
                    "first apply changes: " + first.lastApply().orElseThrow().plan().changes());
        }
        printRoundTrips();
    }

    /**
     * The first apply's wall time with 300 ms of injected latency, where the sequential round trips
     * cannot hide behind CPU time: each costs 300 ms, the work little beside it. (The request log's
     * times are the testkit's virtual clock, so the rounds are read from the wall time.)
     */
    private void printRoundTrips() {
        try (InMemoryFlinkK8sCluster cluster = cluster();
                FlinkDeployer deployer = deployer(cluster)) {
            cluster.client().configMaps().inNamespace(HeadlineSpec.NAMESPACE).list();
            cluster.faults().delayRequests(null, "*", Duration.ofMillis(300));
            long t = System.nanoTime();
            deployer.apply(spec);
            long wall = (System.nanoTime() - t) / 1_000_000;
            System.out.println(
                    "first apply at 300 ms latency: "
                            + wall
                            + " ms, "
                            + wall / 300
                            + " whole round trips of 300 ms");
        }
    }

    private static String describe(List<ApiRequest> requests) {
        Map<String, Long> byVerb =
                requests.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r ->
                                                r.verb()
                                                        + (r.verb() == ApiVerb.PATCH && r.isApply()
                                                                ? "(apply)"
                                                                : "")
                                                        + " "
                                                        + r.resource(),
                                        TreeMap::new,
                                        Collectors.counting()));
        long writes = requests.stream().filter(r -> r.verb().isWrite()).count();
        return requests.size() + " total, " + writes + " writes " + byVerb;
    }

    /** A fresh cluster with the injected latency and a deployer for it, started outside. */
    @State(Scope.Thread)
    public static class Fresh {
        InMemoryFlinkK8sCluster cluster;
        FlinkDeployer deployer;
        List<HasMetadata> rendered;

        /** Starts them. */
        @Setup(Level.Invocation)
        public void start(DeployBenchmark trial) {
            cluster = trial.cluster();
            deployer = trial.deployer(cluster);
            rendered = deployer.options().renderer().render(trial.spec).all();
            // the client's first request opens its connection; not what is measured
            cluster.client().configMaps().inNamespace(HeadlineSpec.NAMESPACE).list();
            if (trial.latencyMs > 0) {
                cluster.faults().delayRequests(null, "*", Duration.ofMillis(trial.latencyMs));
            }
        }

        /** Stops them. */
        @TearDown(Level.Invocation)
        public void stop() {
            deployer.close();
            cluster.close();
        }
    }

    InMemoryFlinkK8sCluster cluster() {
        return InMemoryFlinkK8sCluster.builder()
                .namespace(HeadlineSpec.NAMESPACE)
                .customResourceDefinitions(crds)
                .kubernetesSerialization(serialization)
                .autoSettle(false)
                .start();
    }

    FlinkDeployer deployer(InMemoryFlinkK8sCluster cluster) {
        return FlinkDeployer.create(
                cluster.client(),
                DeployOptions.builder()
                        .restEndpointResolver(cluster.restEndpointResolver())
                        .build());
    }

    /** The SDK's first apply of the headline spec. */
    @Benchmark
    public FlinkDeploymentHandle sdkFirstApply(Fresh fresh) {
        return fresh.deployer.apply(spec);
    }

    /** The same rendered objects, server-side-applied one after the other, nothing else. */
    @Benchmark
    public int oneByOneApply(Fresh fresh) {
        KubernetesClient client = fresh.cluster.client();
        for (HasMetadata o : fresh.rendered) {
            client.resource(o)
                    .inNamespace(o.getMetadata().getNamespace())
                    .fieldManager(DeployOptions.DEFAULT_FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
        return fresh.rendered.size();
    }
}
