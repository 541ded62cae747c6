package io.flinkk8s.sdk.testkit.flink;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.flink.internal.JvmOpens;
import io.flinkk8s.sdk.testkit.flink.internal.WorkDirectories;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.RemoteExecutor;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A real Flink cluster inside the test JVM: Flink's {@link MiniCluster} with one TaskManager, its
 * REST API (including the jar upload / run endpoints of {@code flink-runtime-web}) on {@code
 * 127.0.0.1} and a free port. Use it when a test must prove behaviour against real Flink: jobs run
 * the code on the test classpath, savepoints are written to disk, restores read them.
 *
 * <pre>{@code
 * @TempDir static Path savepoints;
 * static MiniClusterRuntime flink;                       // one per test class: it costs seconds
 *
 * @BeforeAll static void start() {
 *     flink = MiniClusterRuntime.builder()
 *             .savepointDirectory(savepoints.toUri().toString())
 *             .start();
 * }
 * @AfterAll static void stop() { flink.close(); }
 * }</pre>
 *
 * <p>Settings that make it usable from tests (measured in {@code research/prototypes.md} §4): REST
 * bound to {@code 127.0.0.1} on a random port; {@code web.refresh-interval} of 100 ms so job
 * details are not served from a 3 s cache; its own upload, web and temp directories in one
 * temporary directory that {@link #close()} deletes, so jars of earlier runs never show up. On Java
 * 17 the JVM needs Flink's {@code --add-opens} list ({@link #missingJvmOptions()}); {@link
 * Builder#start()} fails naming the ones missing, before anything starts.
 *
 * <p>Costs about two seconds and a few hundred MB to start cold: share one per test class.
 */
public final class MiniClusterRuntime implements FlinkRuntime {

    /** Guards Flink's JVM-wide program context while an application's main runs. */
    private static final Object PROGRAM_CONTEXT = new Object();

    private final MiniCluster miniCluster;
    private final Path workDir;
    private final URI restAddress;
    private final Configuration flinkConfiguration;
    private boolean closed;

    private MiniClusterRuntime(
            MiniCluster miniCluster,
            Path workDir,
            URI restAddress,
            Configuration flinkConfiguration) {
        this.miniCluster = miniCluster;
        this.workDir = workDir;
        this.restAddress = restAddress;
        this.flinkConfiguration = flinkConfiguration;
    }

    /** Starts a cluster with the defaults of {@link #builder()}. */
    public static MiniClusterRuntime start() {
        return builder().start();
    }

    /** Configures a cluster before starting it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The {@code --add-opens} options a MiniCluster needs that this JVM lacks (empty when it has
     * them all), e.g. {@code --add-opens=java.base/java.util=ALL-UNNAMED}: what to add to the test
     * JVM's options, or what to assume away in a test that needs real Flink.
     */
    public static List<String> missingJvmOptions() {
        return JvmOpens.missing();
    }

    /**
     * Fails when this JVM cannot run a MiniCluster for lack of {@code --add-opens} options.
     *
     * @throws FlinkK8sException naming exactly the options to add
     */
    public static void checkJvmOptions() {
        JvmOpens.require();
    }

    @Override
    public URI restAddress() {
        return restAddress;
    }

    /**
     * Runs {@code entryClass}'s {@code main} from the test classpath as an application cluster's
     * JobManager does: in this JVM, detached, with a job id fixed before the program runs, and with
     * {@code restorePath} as {@code execution.state-recovery.path}. The program sees the cluster's
     * Flink configuration ({@link Builder#flinkConfiguration}), as a job of an application cluster
     * sees its {@code config.yaml}: {@code execution.checkpointing.interval}, {@code
     * parallelism.default}, the restart strategy and the state backend given there reach the job.
     * The program's {@code execute()} submits through this cluster's REST API and returns; the job
     * keeps running.
     *
     * @throws FlinkK8sException if the program cannot be loaded or fails before submitting
     */
    @Override
    public JobID startApplicationJob(String entryClass, List<String> args, String restorePath) {
        Objects.requireNonNull(entryClass, "entryClass");
        JobID jobId = new JobID();
        SavepointRestoreSettings restore =
                restorePath == null
                        ? SavepointRestoreSettings.none()
                        : SavepointRestoreSettings.forPath(restorePath);
        Configuration configuration = programConfiguration(jobId, restore);
        // Flink installs the program's execution environment as a JVM-wide static context, so
        // two programs started at once (parallel tests) would see each other's
        synchronized (PROGRAM_CONTEXT) {
            return execute(entryClass, args, jobId, restore, configuration);
        }
    }

    private JobID execute(
            String entryClass,
            List<String> args,
            JobID jobId,
            SavepointRestoreSettings restore,
            Configuration configuration) {
        try (PackagedProgram program =
                PackagedProgram.newBuilder()
                        .setEntryPointClassName(entryClass)
                        .setArguments(
                                (args == null ? List.<String>of() : args).toArray(String[]::new))
                        .setConfiguration(configuration)
                        .setSavepointRestoreSettings(restore)
                        .build()) {
            ClientUtils.executeProgram(
                    new DefaultExecutorServiceLoader(), configuration, program, true, false);
            return jobId;
        } catch (Exception e) {
            throw new FlinkK8sException(
                    "Application job "
                            + entryClass
                            + " did not start on the MiniCluster at "
                            + restAddress
                            + "; see the cause, and check that the class is on the "
                            + "test classpath with a main(String[]) method",
                    e);
        }
    }

    private Configuration programConfiguration(JobID jobId, SavepointRestoreSettings restore) {
        // the cluster's configuration first, as an application cluster's entrypoint hands its
        // config.yaml to the program; what makes the program reach this cluster wins over it
        Configuration configuration = new Configuration(flinkConfiguration);
        configuration.set(RestOptions.ADDRESS, restAddress.getHost());
        configuration.set(RestOptions.PORT, restAddress.getPort());
        configuration.set(DeploymentOptions.TARGET, RemoteExecutor.NAME);
        configuration.set(DeploymentOptions.ATTACHED, false);
        configuration.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId.toHexString());
        SavepointRestoreSettings.toConfiguration(restore, configuration);
        return configuration;
    }

    /** Whether the cluster runs: started and not closed. */
    public synchronized boolean isRunning() {
        return !closed && miniCluster.isRunning();
    }

    /** Every job the cluster knows, as Flink's dispatcher lists them. */
    public List<JobStatusMessage> listJobs() {
        return get(miniCluster.listJobs(), "list the jobs").stream()
                .sorted(Comparator.comparingLong(JobStatusMessage::getStartTime))
                .toList();
    }

    /** Cancels a job and waits for Flink to acknowledge it. */
    public void cancelJob(JobID jobId) {
        get(miniCluster.cancelJob(jobId), "cancel job " + jobId);
    }

    /**
     * The paths of the savepoints that completed for a job, oldest first, from Flink's checkpoint
     * statistics (the last {@code web.checkpoints.history} entries, 10 by default).
     */
    public List<String> savepointPaths(JobID jobId) {
        CheckpointStatsSnapshot stats =
                get(miniCluster.getArchivedExecutionGraph(jobId), "read job " + jobId)
                        .getCheckpointStatsSnapshot();
        if (stats == null) {
            return List.of();
        }
        List<CompletedCheckpointStats> savepoints = new ArrayList<>();
        for (AbstractCheckpointStats checkpoint : stats.getHistory().getCheckpoints()) {
            if (checkpoint instanceof CompletedCheckpointStats completed
                    && completed.getProperties().isSavepoint()) {
                savepoints.add(completed);
            }
        }
        savepoints.sort(Comparator.comparingLong(CompletedCheckpointStats::getCheckpointId));
        return savepoints.stream().map(CompletedCheckpointStats::getExternalPath).toList();
    }

    /**
     * The savepoint or checkpoint a job was restored from, as Flink's checkpoint statistics report
     * it ({@code GET /jobs/:jobid/checkpoints}, {@code latest.restored.external_path}); empty when
     * the job started without state, or has not restored it yet.
     */
    public Optional<String> restoredFrom(JobID jobId) {
        CheckpointStatsSnapshot stats =
                get(miniCluster.getArchivedExecutionGraph(jobId), "read job " + jobId)
                        .getCheckpointStatsSnapshot();
        RestoredCheckpointStats restored =
                stats == null ? null : stats.getLatestRestoredCheckpoint();
        return restored == null
                ? Optional.empty()
                : Optional.ofNullable(restored.getExternalPath());
    }

    private <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FlinkK8sException(
                    "Could not " + what + " on the MiniCluster at " + restAddress, e);
        }
    }

    /** Stops the cluster (cancelling its jobs) and deletes its temporary directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            miniCluster.closeAsync().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FlinkK8sException("Could not stop the MiniCluster at " + restAddress, e);
        } finally {
            WorkDirectories.deleteKeepingUploadDirectories(workDir);
        }
    }

    /** Settings of a {@link MiniClusterRuntime}; mutable and not thread-safe. */
    public static final class Builder {

        private final Configuration configuration = new Configuration();
        private int slots = 4;
        private int restPort;

        private Builder() {}

        /**
         * Slots of the single TaskManager; 4 by default.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder slots(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be >= 1, was " + slots);
            }
            this.slots = slots;
            return this;
        }

        /**
         * The port the REST API binds on {@code 127.0.0.1}; 0 (the default) for any free port.
         * Starting fails when the port is taken.
         *
         * @throws IllegalArgumentException if not a port number
         */
        public Builder restPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "restPort must be between 0 and 65535, was " + port);
            }
            this.restPort = port;
            return this;
        }

        /**
         * The cluster's default savepoint directory ({@code
         * execution.checkpointing.savepoint-dir}), a URI such as {@code file:///tmp/sp}; unset by
         * default, so savepoint requests must name a directory.
         */
        public Builder savepointDirectory(String directory) {
            configuration.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, directory);
            return this;
        }

        /**
         * Flink configuration for the cluster and the application jobs it starts ({@link
         * #startApplicationJob}), added to what was set before. The REST address, port, refresh
         * interval and directories this class sets win over it in the cluster; the REST address,
         * execution target and job id win over it in a program.
         */
        public Builder flinkConfiguration(Map<String, String> flinkConfiguration) {
            configuration.addAll(Configuration.fromMap(flinkConfiguration));
            return this;
        }

        /**
         * Starts the cluster and waits until its REST endpoint is bound.
         *
         * @throws FlinkK8sException if the cluster cannot start, or if the JVM lacks the {@code
         *     --add-opens} options Flink needs (naming them)
         */
        public MiniClusterRuntime start() {
            JvmOpens.require();
            Path workDir = null;
            MiniCluster miniCluster = null;
            try {
                workDir = Files.createTempDirectory("flink-minicluster-");
                miniCluster =
                        new MiniCluster(
                                new MiniClusterConfiguration.Builder()
                                        .setConfiguration(clusterConfiguration(workDir))
                                        .setNumTaskManagers(1)
                                        .setNumSlotsPerTaskManager(slots)
                                        .build());
                miniCluster.start();
                URI rest = miniCluster.getRestAddress().get(30, TimeUnit.SECONDS);
                return new MiniClusterRuntime(
                        miniCluster,
                        workDir,
                        URI.create("http://127.0.0.1:" + rest.getPort()),
                        new Configuration(configuration));
            } catch (Exception e) {
                if (miniCluster != null) {
                    miniCluster.closeAsync();
                }
                if (workDir != null) {
                    WorkDirectories.deleteKeepingUploadDirectories(workDir);
                }
                throw new FlinkK8sException(
                        "Could not start a Flink MiniCluster: " + e.getMessage(), e);
            }
        }

        private Configuration clusterConfiguration(Path workDir) {
            Configuration cluster = new Configuration(configuration);
            cluster.set(RestOptions.ADDRESS, "127.0.0.1");
            cluster.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            cluster.set(RestOptions.BIND_PORT, String.valueOf(restPort));
            // job details are cached for this long; Flink's 3 s default makes tests wait
            cluster.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(100));
            // per instance, or jars of earlier runs show up in GET /jars
            cluster.set(WebOptions.UPLOAD_DIR, workDir.resolve("web-upload").toString());
            cluster.set(WebOptions.TMP_DIR, workDir.resolve("web").toString());
            cluster.set(CoreOptions.TMP_DIRS, workDir.resolve("tmp").toString());
            return cluster;
        }
    }
}
