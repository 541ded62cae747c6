package io.flinkk8s.sdk.benchmarks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
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
 * Job control through the deployer against Flink's {@code RestClusterClient} directly (issue 17,
 * item 5), on a real Flink MiniCluster running a small generator job: job status, savepoint and
 * stop-with-savepoint, each three ways in the same run:
 *
 * <ul>
 *   <li>{@code raw*}: one {@code RestClusterClient} made at setup, the call alone;
 *   <li>{@code sdk*}: the deployer's job control ({@code JobControl}, what every handle operation
 *       and wait calls): resolve the REST endpoint, take the deployer's client for it ({@code
 *       FlinkClients}), call through {@code FlinkJobClient}. The job status is the deployer's
 *       {@code currentJob()}, one {@code GET /jobs/overview} as {@code raw} sends ({@code
 *       RestClusterClient.listJobs});
 *   <li>{@code clientPerCall*}: what job control did before: {@code FlinkJobClient.connect}, the
 *       call, {@code close} every time.
 * </ul>
 *
 * A MiniCluster needs Flink's {@code --add-opens} list in the forked JVM ({@code flink.jvm.opens}
 * in the parent pom). Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o package -pl benchmarks -am -DskipTests
 * OPENS=$(mvn -q -o help:evaluate -Dexpression=flink.jvm.opens -DforceStdout)
 * java -jar benchmarks/target/benchmarks.jar JobControlBenchmark -jvmArgsAppend "$OPENS"
 * </pre>
 *
 * <p>Stop-with-savepoint ends the job, so each of its invocations gets a new job, started and
 * waited for (every task RUNNING) outside the measurement; status and savepoint share one job per
 * fork.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1)
public class JobControlBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NAMESPACE = "bench";
    private static final String NAME = "orders";

    /** The MiniCluster, the three ways of calling it, and a running job. */
    @State(Scope.Benchmark)
    public static class Flink {
        MiniClusterRuntime flink;
        Path savepoints;
        RestClusterClient<StandaloneClusterId> raw;
        KubernetesClient kubernetes;
        ScheduledExecutorService scheduler;
        DeployerContext context;
        JobControl sdk;
        JobID job;

        /** Starts the MiniCluster, the clients and one job, and waits until its tasks run. */
        @Setup(Level.Trial)
        public void start() throws Exception {
            MiniClusterRuntime.checkJvmOptions();
            savepoints = Files.createTempDirectory("job-control-benchmark");
            flink =
                    MiniClusterRuntime.builder()
                            .slots(4)
                            .savepointDirectory(savepoints.toUri().toString())
                            .start();
            raw = rawClient(flink.restAddress());
            // the deployer's context as FlinkDeployer makes it; job control sends the Kubernetes
            // API nothing, so the client points nowhere
            kubernetes =
                    new KubernetesClientBuilder()
                            .withConfig(
                                    new ConfigBuilder(Config.empty())
                                            .withMasterUrl("http://127.0.0.1:9")
                                            .build())
                            .build();
            scheduler = Executors.newSingleThreadScheduledExecutor();
            URI rest = flink.restAddress();
            DeployOptions options =
                    DeployOptions.builder()
                            .restEndpointResolver((namespace, service, port) -> rest)
                            .flinkRequestTimeout(TIMEOUT)
                            .savepointTimeout(TIMEOUT)
                            .build();
            context = DeployerContext.of(kubernetes, options, Runnable::run, scheduler);
            sdk = new JobControl(context, NAMESPACE, NAME);
            job = startJob(this);
        }

        /** Closes everything the trial opened. */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            context.flinkClients().close();
            scheduler.shutdownNow();
            kubernetes.close();
            raw.close();
            flink.close();
        }
    }

    /** A job of its own for each stop-with-savepoint. */
    @State(Scope.Thread)
    public static class FreshJob {
        JobID job;

        /** Starts a job and waits until every task runs, outside the measurement. */
        @Setup(Level.Invocation)
        public void start(Flink flink) throws Exception {
            job = startJob(flink);
        }
    }

    private static RestClusterClient<StandaloneClusterId> rawClient(URI rest) throws Exception {
        // the settings FlinkJobClient gives its RestClusterClient
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, rest.getHost());
        configuration.set(RestOptions.PORT, rest.getPort());
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, 5);
        configuration.set(RestOptions.RETRY_DELAY, Duration.ofMillis(200));
        configuration.set(RestOptions.CONNECTION_TIMEOUT, TIMEOUT);
        configuration.set(RestOptions.IDLENESS_TIMEOUT, TIMEOUT);
        return new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    }

    /** Starts a generator job and returns once all its tasks are RUNNING (a savepoint needs it). */
    static JobID startJob(Flink f) throws Exception {
        JobID id = f.flink.startApplicationJob(BenchmarkJob.class.getName(), List.of(), null);
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JobDetailsInfo details = f.raw.getJobDetails(id).get(30, TimeUnit.SECONDS);
            if (!details.getJobVertexInfos().isEmpty()
                    && details.getJobVertexInfos().stream()
                            .allMatch(v -> v.getExecutionState() == ExecutionState.RUNNING)) {
                return id;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Job " + id + " did not run within " + TIMEOUT);
    }

    // job status: GET /jobs/overview

    /** Job status through a RestClusterClient made once. */
    @Benchmark
    public Collection<JobStatusMessage> rawJobStatus(Flink f) throws Exception {
        return f.raw.listJobs().get(30, TimeUnit.SECONDS);
    }

    /** Job status through the deployer's job control. */
    @Benchmark
    public Optional<JobSummary> sdkJobStatus(Flink f) {
        return f.sdk.currentJob();
    }

    /** Job status through a client made and closed for the call (job control before). */
    @Benchmark
    public List<JobSummary> clientPerCallJobStatus(Flink f) {
        try (FlinkJobClient client = FlinkJobClient.connect(f.flink.restAddress(), TIMEOUT)) {
            return client.listJobs();
        }
    }

    // savepoint of the running job

    /** A savepoint through a RestClusterClient made once. */
    @Benchmark
    public String rawSavepoint(Flink f) throws Exception {
        return f.raw.triggerSavepoint(f.job, null, SavepointFormatType.CANONICAL)
                .get(30, TimeUnit.SECONDS);
    }

    /** A savepoint through the deployer's job control. */
    @Benchmark
    public String sdkSavepoint(Flink f) {
        return f.sdk.triggerSavepoint(f.job, null);
    }

    /** A savepoint through a client made and closed for the call (job control before). */
    @Benchmark
    public String clientPerCallSavepoint(Flink f) {
        try (FlinkJobClient client = FlinkJobClient.connect(f.flink.restAddress(), TIMEOUT)) {
            return client.triggerSavepoint(f.job, null, TIMEOUT);
        }
    }

    // stop-with-savepoint of a fresh job per invocation

    /** Stop-with-savepoint through a RestClusterClient made once. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 30)
    public String rawStopWithSavepoint(Flink f, FreshJob fresh) throws Exception {
        return f.raw.stopWithSavepoint(fresh.job, false, null, SavepointFormatType.CANONICAL)
                .get(30, TimeUnit.SECONDS);
    }

    /** Stop-with-savepoint through the deployer's job control. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 30)
    public String sdkStopWithSavepoint(Flink f, FreshJob fresh) {
        return f.sdk.stopWithSavepoint(fresh.job, null);
    }

    /** Stop-with-savepoint through a client made and closed for the call (job control before). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 30)
    public String clientPerCallStopWithSavepoint(Flink f, FreshJob fresh) {
        try (FlinkJobClient client = FlinkJobClient.connect(f.flink.restAddress(), TIMEOUT)) {
            return client.stopWithSavepoint(fresh.job, null, TIMEOUT);
        }
    }
}
