package io.flinkk8s.sdk.benchmarks;

import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a JobManager costs in the testkit's MiniCluster mode: starting the MiniCluster the testkit
 * starts for each JobManager pod (one TaskManager, the JobManager's Flink configuration, REST on a
 * loopback port), one per invocation, closed after it. A MiniCluster needs Flink's {@code
 * --add-opens} list in the forked JVM ({@code flink.jvm.opens} in the parent pom); run from the
 * repository root:
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar MiniClusterBenchmark -jvmArgsAppend "$OPENS"
 * </pre>
 *
 * <p>{@code startCold} is the first MiniCluster of a fresh JVM (Flink's classes loaded on the way),
 * what a test class's first JobManager pays; {@code startWarm} is every later one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1)
public class MiniClusterBenchmark {

    /** What the SDK renders for a checkpointed application, as the testkit passes it on. */
    private static final Map<String, String> JOB_MANAGER =
            Map.of(
                    "execution.checkpointing.interval", "30 s",
                    "parallelism.default", "2",
                    "taskmanager.numberOfTaskSlots", "2");

    private MiniClusterRuntime started;

    /** Fails the trial at once, naming the options, when the JVM lacks Flink's opens. */
    @Setup(Level.Trial)
    public void requireOpens() {
        MiniClusterRuntime.checkJvmOptions();
    }

    /** Closes the MiniCluster the invocation started, outside the measurement. */
    @TearDown(Level.Iteration)
    public void close() {
        if (started != null) {
            started.close();
            started = null;
        }
    }

    private MiniClusterRuntime start() {
        started =
                MiniClusterRuntime.builder()
                        .slots(2)
                        .flinkConfiguration(JOB_MANAGER)
                        .restPort(0)
                        .start();
        return started;
    }

    /** The first MiniCluster of a fresh JVM. */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5)
    public MiniClusterRuntime startCold() {
        return start();
    }

    /** A MiniCluster after five others in the same JVM. */
    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 15)
    public MiniClusterRuntime startWarm() {
        return start();
    }
}
