package io.flinkk8s.sdk.benchmarks;

import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.kubeclient.FlinkPod;
import org.apache.flink.kubernetes.kubeclient.KubernetesJobManagerSpecification;
import org.apache.flink.kubernetes.kubeclient.factory.KubernetesJobManagerFactory;
import org.apache.flink.kubernetes.kubeclient.parameters.KubernetesJobManagerParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders the headline spec ({@code samples/specs/stateful-ha-application.yaml}) and, in the same
 * run, builds the JobManager with Flink's own {@code KubernetesJobManagerFactory} from an
 * equivalent configuration. Run from the repository root:
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RenderBenchmark
 * </pre>
 *
 * <p>{@code sdkRender} is the whole public call (validate, apply defaults, run the pipeline: 8
 * objects); {@code sdkValidate} is the validator alone, to show where the time goes; {@code
 * flinkJobManagerFactory} builds Flink's JobManager Deployment, rest Service and ConfigMap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:ActiveProcessorCount=1"})
public class RenderBenchmark {

    /** The headline spec file, relative to the repository root. */
    @Param({"samples/specs/stateful-ha-application.yaml"})
    public String specFile;

    private FlinkDeploymentSpec spec;
    private Renderer renderer;
    private Configuration flinkConfiguration;
    private KubernetesJobManagerParameters flinkParameters;
    private FlinkPod flinkPod;

    /** Reads the spec and prepares both sides' inputs outside the measurement. */
    @Setup
    public void setUp() throws IOException {
        spec = SpecSerialization.fromYaml(Files.readString(Path.of(specFile)));
        renderer = Renderer.standalone();
        flinkConfiguration = FlinkFactoryInput.configuration();
        flinkParameters = FlinkFactoryInput.parameters(flinkConfiguration);
        flinkPod = FlinkFactoryInput.emptyPod();
    }

    /** The SDK: validate + defaults + every render step, all objects of the deployment. */
    @Benchmark
    public RenderedResources sdkRender() {
        return renderer.render(spec);
    }

    /** The SDK's validator alone (includes Flink's own memory-model calculation). */
    @Benchmark
    public ValidationResult sdkValidate() {
        return SpecValidator.validate(spec);
    }

    /** Flink's own factory for the JobManager of an equivalent native-Kubernetes cluster. */
    @Benchmark
    public KubernetesJobManagerSpecification flinkJobManagerFactory() throws Exception {
        return KubernetesJobManagerFactory.buildKubernetesJobManagerSpecification(
                flinkPod, flinkParameters);
    }
}
