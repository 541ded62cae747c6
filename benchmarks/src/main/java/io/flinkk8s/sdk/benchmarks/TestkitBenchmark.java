package io.flinkk8s.sdk.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The testkit's speed targets (issue 4): starting and stopping an in-memory cluster against the
 * bare fabric8 CRUD mock server in the same run, and bringing the headline spec's rendered objects
 * to a RUNNING job on the simulated Flink runtime. Run from the repository root:
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar TestkitBenchmark -f 1
 * </pre>
 *
 * <p>{@code clusterStartStop} is warm: the Flink operator CRDs are parsed once per trial and handed
 * to every cluster, with one {@code KubernetesSerialization} for their clients, as the JUnit
 * extension does per test run. {@code fabric8MockServerStartStop} is the fabric8 CRUD mock server
 * over plain HTTP, nothing else. {@code createHeadlineUntilJobRunning} starts with a fresh cluster
 * (outside the measurement), creates the 11 rendered objects with the cluster's client and returns
 * when the JobManager and the 3 TaskManagers are ready and the application job is RUNNING. {@code
 * applyHeadlineUntilJobRunning} is the target as a consumer's test meets it: {@code
 * FlinkDeployer.apply} of the headline spec on a fresh cluster, then {@code waitUntilRunning};
 * {@code applyHeadlineWithTargetOperatorUntilJobRunning} the same with {@code target: operator}
 * through the operator stand-in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class TestkitBenchmark {

    /** The headline spec file, relative to the repository root. */
    @Param({"samples/specs/stateful-ha-application.yaml"})
    public String specFile;

    private CustomResourceDefinitions crds;
    private KubernetesSerialization serialization;
    private FlinkDeploymentSpec spec;
    private FlinkDeploymentSpec operatorSpec;
    private List<HasMetadata> headline;

    /** Parses the CRDs and renders the headline spec once, outside the measurement. */
    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        crds = CustomResourceDefinitions.flinkOperator();
        serialization = new KubernetesSerialization();
        spec = SpecSerialization.fromYaml(Files.readString(Path.of(specFile)));
        // the operator target takes no hpa-reactive autoscaling: the rest of the spec as it is
        operatorSpec =
                spec.withTarget(RenderTarget.OPERATOR).withAutoscaling(AutoscalingPolicy.none());
        RenderedResources rendered = Renderer.standalone().render(spec);
        headline = rendered.all();
    }

    /** A cluster in the headline's namespace with the trial's CRDs and serialization. */
    InMemoryFlinkK8sCluster headlineCluster() {
        return InMemoryFlinkK8sCluster.builder()
                .namespace(HeadlineSpec.NAMESPACE)
                .customResourceDefinitions(crds)
                .kubernetesSerialization(serialization)
                .start();
    }

    /** A fresh cluster for each invocation of the create benchmark, started outside it. */
    @State(Scope.Thread)
    public static class FreshCluster {
        InMemoryFlinkK8sCluster cluster;

        /** Starts the cluster with the trial's CRDs. */
        @Setup(Level.Invocation)
        public void start(TestkitBenchmark trial) {
            cluster = trial.headlineCluster();
        }

        /** Stops it. */
        @TearDown(Level.Invocation)
        public void stop() {
            cluster.close();
        }
    }

    /**
     * A fresh cluster and a deployer for it for each invocation of the deployer benchmark, started
     * outside it; the client's connection is opened by one request before the measurement.
     */
    @State(Scope.Thread)
    public static class FreshDeployer {
        InMemoryFlinkK8sCluster cluster;
        FlinkDeployer deployer;

        /** Starts the cluster and the deployer. */
        @Setup(Level.Invocation)
        public void start(TestkitBenchmark trial) {
            cluster = trial.headlineCluster();
            deployer =
                    FlinkDeployer.create(
                            cluster.client(),
                            DeployOptions.builder()
                                    .restEndpointResolver(cluster.restEndpointResolver())
                                    .pollInterval(Duration.ofMillis(1))
                                    .build());
            cluster.client().configMaps().inNamespace(HeadlineSpec.NAMESPACE).list();
        }

        /** Stops them. */
        @TearDown(Level.Invocation)
        public void stop() {
            deployer.close();
            cluster.close();
        }
    }

    /** The in-memory cluster: API server, dispatcher, controllers, CRDs; then closed. */
    @Benchmark
    public String clusterStartStop() {
        try (InMemoryFlinkK8sCluster started =
                InMemoryFlinkK8sCluster.builder()
                        .customResourceDefinitions(crds)
                        .kubernetesSerialization(serialization)
                        .start()) {
            return started.url();
        }
    }

    /** The bare fabric8 CRUD mock server over plain HTTP: init, then destroy. */
    @Benchmark
    public String fabric8MockServerStartStop() {
        KubernetesMockServer server =
                new KubernetesMockServer(
                        new Context(Serialization.jsonMapper()),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(),
                        false);
        server.init();
        try {
            return server.url("/");
        } finally {
            server.destroy();
        }
    }

    /** Creates the rendered headline objects and waits (virtually) for the job to run. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public FlinkJobManager createHeadlineUntilJobRunning(FreshCluster fresh) {
        InMemoryFlinkK8sCluster cluster = fresh.cluster;
        KubernetesClient client = cluster.client();
        for (HasMetadata object : headline) {
            client.resource(object).create();
        }
        cluster.awaitRunning(HeadlineSpec.NAMESPACE, HeadlineSpec.NAME);
        return cluster.flink(HeadlineSpec.NAMESPACE, HeadlineSpec.NAME);
    }

    /**
     * What a consumer's test does: {@code FlinkDeployer.apply} of the headline spec (server-side
     * apply, level by level), then {@code waitUntilRunning} through the SDK's own pod checks and
     * Flink REST client (polling every millisecond, so the poll interval is not what is timed).
     * Warmed up longer than the start/stop benchmarks: at about ten invocations a second, five
     * one-second warm-ups leave the server's and the controllers' paths partly unoptimized (the
     * median measured 82-91 ms after 5 warm-ups, 77 ms after 15).
     */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public FlinkDeploymentHandle applyHeadlineUntilJobRunning(FreshDeployer fresh) {
        FlinkDeploymentHandle handle = fresh.deployer.apply(spec);
        handle.waitUntilRunning(Duration.ofMinutes(1));
        return handle;
    }

    /**
     * The same with {@code target: operator} (autoscaling off): {@code FlinkDeployer.apply} of one
     * {@code FlinkDeployment}, which the testkit's operator stand-in turns into the JobManager
     * Deployment, Services, ConfigMap and native TaskManager pods and runs on the simulated Flink,
     * then {@code waitUntilRunning} on the resource's status. Issue 13's measure: no slower than
     * {@link #applyHeadlineUntilJobRunning} in the same run.
     */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public FlinkDeploymentHandle applyHeadlineWithTargetOperatorUntilJobRunning(
            FreshDeployer fresh) {
        FlinkDeploymentHandle handle = fresh.deployer.apply(operatorSpec);
        handle.waitUntilRunning(Duration.ofMinutes(1));
        return handle;
    }
}
