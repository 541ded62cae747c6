package io.flinkk8s.sdk.testkit.flink;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.flink.internal.JobKind;
import io.flinkk8s.sdk.testkit.flink.internal.JobSubmission;
import io.flinkk8s.sdk.testkit.flink.internal.JobTopology;
import io.flinkk8s.sdk.testkit.flink.internal.JobView;
import io.flinkk8s.sdk.testkit.flink.internal.SimulatedDispatcher;
import io.flinkk8s.sdk.testkit.flink.internal.SimulatedRestEndpoint;
import io.flinkk8s.sdk.testkit.flink.internal.WorkDirectories;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SchedulerExecutionMode;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * A fast simulated Flink JobManager for tests: it answers Flink's REST API on {@code 127.0.0.1}
 * with Flink's own message types, so {@code RestClusterClient} cannot tell it from a real
 * JobManager for the calls it supports, while jobs and savepoints are bookkeeping the test reads
 * and drives. Nothing runs and nothing is written to the savepoint directory. Starts and stops in
 * about 10 ms each; the first start in a JVM also loads Flink's REST classes (about a second, which
 * Flink's own client pays as well).
 *
 * <pre>{@code
 * try (SimulatedFlinkRuntime flink = SimulatedFlinkRuntime.builder()
 *         .savepointDirectory("s3://bucket/savepoints")
 *         .start()) {
 *     Configuration conf = new Configuration();
 *     conf.set(RestOptions.ADDRESS, flink.restAddress().getHost());
 *     conf.set(RestOptions.PORT, flink.restAddress().getPort());
 *     try (var client = new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
 *         JobID id = client.submitJob(jobGraph).get();          // RUNNING at once
 *         String savepoint = client.stopWithSavepoint(id, false, null, CANONICAL).get();
 *         // savepoint = "s3://bucket/savepoints/savepoint-<id[0..6]>-<random>", job FINISHED
 *     }
 *     flink.failNextSavepoint();                                // the next one fails
 * }
 * }</pre>
 *
 * <p><b>Job lifecycle.</b> A job submitted as a plan ({@code POST /jobs}), run from an uploaded jar
 * ({@code POST /jars/:jarid/run}) or started by {@link #startApplicationJob} is RUNNING
 * immediately, or CREATED until {@link #runJob} when built with {@code
 * startJobsImmediately(false)}. The test ends it with {@link #completeJob} or {@link #failJob}; a
 * client ends it by cancelling (CANCELED), by stop-with-savepoint (FINISHED) or by
 * cancel-with-savepoint (CANCELED). Every operation completes before its REST call returns, so
 * Flink's client never has to poll twice and tests never sleep.
 *
 * <p><b>Reactive mode.</b> With {@code scheduler-mode: reactive} in its Flink configuration, the
 * runtime gives every job all slots of the TaskManagers {@link #taskManagers(int)} says are
 * connected, and restarts it with the new parallelism ({@link #parallelism}, {@link #rescales})
 * whenever that number changes, as Flink's adaptive scheduler does (instantly, without the cooldown
 * and stabilization timeouts).
 *
 * <p><b>Savepoints</b> are named as Flink's file-system storage names them, {@code
 * <dir>/savepoint-<first 6 hex digits of the job id>-<12 random hex digits>}, under the directory
 * the request names or else the one configured here ({@code
 * execution.checkpointing.savepoint-dir}); with neither, the trigger fails with Flink's 400. A
 * savepoint of a job that is not RUNNING fails as on a real cluster.
 *
 * <p><b>Faithful on the wire.</b> Requests are served by Flink's own Netty REST server and, where
 * they need no running job, by Flink's own handlers (overview, config, job list and status, cancel,
 * savepoint trigger / stop / status, execution result, jar upload / list / delete) talking to a
 * simulated gateway; job submission, job details and jar run are simulated handlers that answer
 * with Flink's response classes. A test against a real MiniCluster checks that the JSON of
 * overview, config, job list, job details, status and execution result has the same fields. Job
 * details list the vertices of the submitted job graph (a stream graph is compiled into one, as a
 * JobManager does), every task in the state matching the job's status; jar runs and application
 * jobs, whose code is never run, show one vertex named after the entry class. Checkpoint statistics
 * ({@code GET /jobs/:jobid/checkpoints}) are simulated too: they list the savepoints the job took
 * and the checkpoints {@link #completeCheckpoint} completed, and the savepoint or retained
 * checkpoint a job was started from ({@code latest.restored}, as {@link #restoredFrom} says),
 * without sizes, durations, per-task details or failed checkpoints. Not simulated (404 or 500):
 * metrics, exceptions, vertex-level endpoints, task managers, logs, applications, rescaling,
 * savepoint disposal.
 *
 * <p>Thread-safe. Instances are independent: nothing is static.
 */
public final class SimulatedFlinkRuntime implements FlinkRuntime {

    private final SimulatedDispatcher dispatcher;
    private final SimulatedRestEndpoint endpoint;
    private final Path workDir;
    private final URI restAddress;
    private final String checkpointDirectory;
    private boolean closed;

    private SimulatedFlinkRuntime(
            SimulatedDispatcher dispatcher,
            SimulatedRestEndpoint endpoint,
            Path workDir,
            String checkpointDirectory) {
        this.dispatcher = dispatcher;
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.checkpointDirectory = checkpointDirectory;
        this.restAddress = URI.create(endpoint.getRestBaseUrl());
    }

    /** Starts a runtime with the defaults of {@link #builder()}. */
    public static SimulatedFlinkRuntime start() {
        return builder().start();
    }

    /** Configures a runtime before starting it. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public URI restAddress() {
        return restAddress;
    }

    /**
     * Starts a job as an application cluster's JobManager does, without running the entry class:
     * the job is named after the entry class and has one stand-in vertex. A pending {@link
     * #failNextSubmission()} makes the job FAILED instead, as an application whose {@code main}
     * failed shows up on a real cluster.
     */
    @Override
    public JobID startApplicationJob(String entryClass, List<String> args, String restorePath) {
        Objects.requireNonNull(entryClass, "entryClass");
        JobID id = new JobID();
        SavepointRestoreSettings restore =
                restorePath == null
                        ? SavepointRestoreSettings.none()
                        : SavepointRestoreSettings.forPath(restorePath);
        dispatcher.startApplication(
                new JobSubmission(
                        id,
                        entryClass,
                        JobKind.APPLICATION,
                        restore,
                        entryClass,
                        args == null ? List.of() : args,
                        null,
                        JobTopology.standIn(id, entryClass, 1)));
        return id;
    }

    /** Every job this runtime has seen, in the order they arrived. */
    public List<SimulatedJob> jobs() {
        return dispatcher.jobs().stream().map(SimulatedFlinkRuntime::toSimulatedJob).toList();
    }

    /**
     * Every job this runtime has seen as Flink lists it (id, name, status and start time, what
     * {@code GET /jobs/overview} answers), in the order they arrived; as {@link
     * MiniClusterRuntime#listJobs()} does for a MiniCluster.
     */
    public List<JobStatusMessage> listJobs() {
        return dispatcher.jobs().stream()
                .map(
                        v ->
                                new JobStatusMessage(
                                        v.submission().id(),
                                        v.submission().name(),
                                        v.status(),
                                        v.startTime()))
                .toList();
    }

    /** One job, if this runtime has seen it. */
    public Optional<SimulatedJob> job(JobID jobId) {
        return dispatcher.job(jobId).map(SimulatedFlinkRuntime::toSimulatedJob);
    }

    /**
     * Connects {@code count} TaskManagers, as the TaskManager pods that are ready. The cluster
     * overview reports them; in reactive mode ({@code scheduler-mode: reactive} in the runtime's
     * Flink configuration) every job that has not ended is restarted at once with all their slots
     * as its parallelism (at most {@code pipeline.max-parallelism}), and waits in CREATED while
     * there is none. Rescaling is instant and keeps the job's status otherwise.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void taskManagers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        dispatcher.taskManagers(count);
    }

    /** The number of TaskManagers connected now. */
    public int taskManagers() {
        return dispatcher.taskManagers();
    }

    /**
     * A job's parallelism now (its largest vertex parallelism): as submitted, or in reactive mode
     * the slots it got. Empty if this runtime has not seen the job.
     */
    public OptionalInt parallelism(JobID jobId) {
        return dispatcher.parallelism(jobId);
    }

    /** How often reactive mode restarted a job with another parallelism; empty if unknown. */
    public OptionalInt rescales(JobID jobId) {
        return dispatcher.rescales(jobId);
    }

    /** Every savepoint completed so far, in order; failed attempts are not listed. */
    public List<SimulatedSavepoint> savepoints() {
        return dispatcher.savepoints().stream()
                .map(s -> new SimulatedSavepoint(s.jobId(), s.path(), s.formatType(), s.mode()))
                .toList();
    }

    /**
     * The savepoint or checkpoint path the job was started from: from the plan's {@code
     * SavepointRestoreSettings}, the jar run's {@code savepointPath}, or {@link
     * #startApplicationJob}'s {@code restorePath}. Empty when it started without state or is
     * unknown.
     */
    public Optional<String> restoredFrom(JobID jobId) {
        return job(jobId).flatMap(SimulatedJob::restoredFrom);
    }

    /**
     * Completes a checkpoint of a RUNNING job now (on the runtime's clock), as its checkpoint
     * coordinator would at the next interval; nothing checkpoints by itself, so tests stay
     * deterministic. The checkpoint statistics ({@code GET /jobs/:jobid/checkpoints}) then report
     * it as {@code latest.completed}, with the path {@code <execution.checkpointing.dir>/<job
     * id>/chk-<id>}, or Flink's {@code <checkpoint-not-externally-addressable>} without a
     * checkpoint directory. Checkpoints and savepoints share one id sequence per job, from 1.
     *
     * @return the checkpoint's id
     * @throws IllegalArgumentException if the job is unknown
     * @throws IllegalStateException if the job is not RUNNING
     */
    public long completeCheckpoint(JobID jobId) {
        return dispatcher.completeCheckpoint(
                Objects.requireNonNull(jobId, "jobId"), checkpointDirectory);
    }

    /**
     * Makes the next savepoint of a RUNNING job fail (trigger, stop-with-savepoint or
     * cancel-with-savepoint). The trigger is still accepted, as by Flink; the status poll then
     * reports a {@code CheckpointException} whose message names this method, so the client's future
     * fails with it. The job keeps RUNNING. Each call fails one more savepoint.
     */
    public void failNextSavepoint() {
        dispatcher.failNextSavepoint();
    }

    /**
     * Makes the next job submission fail: {@code POST /jobs} answers 500 with a {@code
     * JobSubmissionException} whose message names this method, {@code POST /jars/:jarid/run}
     * answers 400 "Could not execute application.", and {@link #startApplicationJob} registers the
     * job as FAILED. Each call fails one more submission.
     */
    public void failNextSubmission() {
        dispatcher.failNextSubmission();
    }

    /**
     * Moves a CREATED job to RUNNING: the test-controlled step for a runtime built with {@code
     * startJobsImmediately(false)}.
     *
     * @throws IllegalArgumentException if the job is unknown
     * @throws IllegalStateException if the job is not CREATED
     */
    public void runJob(JobID jobId) {
        dispatcher.run(jobId);
    }

    /**
     * Ends a CREATED or RUNNING job as FINISHED, as a bounded job that reached its end.
     *
     * @throws IllegalArgumentException if the job is unknown
     * @throws IllegalStateException if the job already ended
     */
    public void completeJob(JobID jobId) {
        dispatcher.complete(jobId);
    }

    /**
     * Ends a CREATED or RUNNING job as FAILED; {@code reason} becomes the failure cause clients
     * read from the job's execution result.
     *
     * @throws IllegalArgumentException if the job is unknown
     * @throws IllegalStateException if the job already ended
     */
    public void failJob(JobID jobId, String reason) {
        dispatcher.fail(jobId, Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endpoint.closeAsync().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FlinkK8sException(
                    "Could not stop the simulated Flink REST endpoint at " + restAddress, e);
        } finally {
            WorkDirectories.deleteKeepingUploadDirectories(workDir);
        }
    }

    private static SimulatedJob toSimulatedJob(JobView view) {
        JobSubmission submission = view.submission();
        return new SimulatedJob(
                submission.id(),
                submission.name(),
                view.status(),
                JobOrigin.valueOf(submission.origin().name()),
                submission.restoreSettings(),
                submission.entryClass(),
                submission.arguments(),
                submission.jarId(),
                view.failureCause());
    }

    /** Settings of a {@link SimulatedFlinkRuntime}; mutable and not thread-safe. */
    public static final class Builder {

        /** The highest parallelism reactive mode gives a job without a max parallelism: 2^15. */
        private static final int REACTIVE_MAX = 1 << 15;

        private final Configuration configuration = new Configuration();
        private Clock clock = Clock.systemUTC();
        private boolean startJobsImmediately = true;
        private int taskManagers = 1;
        private int slotsPerTaskManager = 4;
        private int restPort;
        private final Map<String, byte[]> podFiles = new TreeMap<>();

        private Builder() {}

        /**
         * Files of the JobManager's pod (absolute path in the container → content), e.g. the
         * keystore of a mounted TLS Secret: a Flink option whose value is one of these paths is
         * pointed at a copy in the runtime's work directory, so {@code security.ssl.rest.enabled}
         * makes the REST server serve HTTPS with the pod's keystore. Added to what was set before.
         */
        public Builder podFiles(Map<String, byte[]> files) {
            podFiles.putAll(files);
            return this;
        }

        /**
         * The port the REST server listens on; 0 (the default) picks a free one. The in-memory
         * cluster gives each JobManager's successive runtimes the same port, as a Service keeps its
         * address across pods.
         *
         * @throws IllegalArgumentException if not within 0..65535
         */
        public Builder restPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("restPort must be within 0..65535, was " + port);
            }
            this.restPort = port;
            return this;
        }

        /**
         * The cluster's default savepoint directory ({@code
         * execution.checkpointing.savepoint-dir}), used when a request names none; unset by
         * default, as on a cluster without one.
         */
        public Builder savepointDirectory(String directory) {
            configuration.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, directory);
            return this;
        }

        /**
         * Flink configuration of the simulated cluster, as {@code GET /jobmanager/config} reports
         * it; a savepoint directory in it counts as {@link #savepointDirectory}, {@code
         * taskmanager.numberOfTaskSlots} as the slots per TaskManager, and {@code scheduler-mode:
         * reactive} turns reactive mode on (see {@link SimulatedFlinkRuntime#taskManagers(int)}).
         * Added to what was set before.
         */
        public Builder flinkConfiguration(Map<String, String> flinkConfiguration) {
            configuration.addAll(Configuration.fromMap(flinkConfiguration));
            return this;
        }

        /**
         * Whether submitted jobs are RUNNING at once (the default) or stay CREATED until the test
         * calls {@link SimulatedFlinkRuntime#runJob}.
         */
        public Builder startJobsImmediately(boolean startJobsImmediately) {
            this.startJobsImmediately = startJobsImmediately;
            return this;
        }

        /**
         * Task managers and slots the cluster overview reports; 1 × 4 by default.
         *
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder taskManagers(int taskManagers, int slotsPerTaskManager) {
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException(
                        "taskManagers and slotsPerTaskManager must be >= 1, were "
                                + taskManagers
                                + " and "
                                + slotsPerTaskManager);
            }
            this.taskManagers = taskManagers;
            this.slotsPerTaskManager = slotsPerTaskManager;
            return this;
        }

        /** The clock job timestamps come from (a test's virtual clock); the system's by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the REST server on {@code 127.0.0.1} and the {@link #restPort} (a free one by
         * default).
         *
         * @throws FlinkK8sException if the server cannot start
         */
        public SimulatedFlinkRuntime start() {
            SimulatedDispatcher dispatcher =
                    new SimulatedDispatcher(
                            clock,
                            startJobsImmediately,
                            taskManagers,
                            configuration
                                    .getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                                    .orElse(slotsPerTaskManager),
                            reactive());
            Path workDir = null;
            try {
                workDir = Files.createTempDirectory("flink-simulated-");
                Path jarDir = Files.createDirectories(workDir.resolve("jars"));
                SimulatedRestEndpoint endpoint =
                        new SimulatedRestEndpoint(restConfiguration(workDir), dispatcher, jarDir);
                endpoint.start();
                return new SimulatedFlinkRuntime(
                        dispatcher,
                        endpoint,
                        workDir,
                        configuration.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
            } catch (Exception e) {
                if (workDir != null) {
                    WorkDirectories.deleteKeepingUploadDirectories(workDir);
                }
                throw new FlinkK8sException(
                        "Could not start the simulated Flink REST endpoint on 127.0.0.1: "
                                + e.getMessage(),
                        e);
            }
        }

        private SimulatedDispatcher.Reactive reactive() {
            boolean enabled =
                    configuration.getOptional(JobManagerOptions.SCHEDULER_MODE).orElse(null)
                            == SchedulerExecutionMode.REACTIVE;
            int max = configuration.get(PipelineOptions.MAX_PARALLELISM);
            return new SimulatedDispatcher.Reactive(enabled, max > 0 ? max : REACTIVE_MAX);
        }

        private Configuration restConfiguration(Path workDir) throws IOException {
            Configuration rest = new Configuration(configuration);
            rest.set(RestOptions.ADDRESS, "127.0.0.1");
            rest.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            rest.set(RestOptions.BIND_PORT, String.valueOf(restPort));
            rest.set(WebOptions.UPLOAD_DIR, workDir.toString());
            if (!podFiles.isEmpty()) {
                Map<String, String> copies = new TreeMap<>();
                Path dir = Files.createDirectories(workDir.resolve("pod-files"));
                int n = 0;
                for (Map.Entry<String, byte[]> file : podFiles.entrySet()) {
                    Path copy = Files.createDirectories(dir.resolve(String.valueOf(n++)));
                    copy = copy.resolve(Path.of(file.getKey()).getFileName().toString());
                    Files.write(copy, file.getValue());
                    copies.put(file.getKey(), copy.toString());
                }
                for (Map.Entry<String, String> option : rest.toMap().entrySet()) {
                    String copy = copies.get(option.getValue());
                    if (copy != null) {
                        rest.set(
                                ConfigOptions.key(option.getKey()).stringType().noDefaultValue(),
                                copy);
                    }
                }
            }
            return rest;
        }
    }
}
