package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.testkit.flink.FlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.JobOrigin;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * The Flink side of one SDK deployment in the in-memory cluster: the runtime behind its
 * JobManager's REST Service, and everything its jobs did, as durable storage keeps it across
 * JobManager pods. Get it from {@link FlinkK8sCluster#flink(String, String)}.
 *
 * <pre>{@code
 * FlinkJobManager flink = cluster.flink("streaming", "orders");
 * flink.failNextSavepoint();                        // the deployer's next savepoint fails
 * SimulatedJob job = flink.latestJob().orElseThrow();
 * assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
 * assertThat(flink.restoredFrom(job.id())).contains(flink.lastSavepoint().orElseThrow().path());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> When a pod of the JobManager Deployment is Ready, a runtime starts for it
 * (see {@link FlinkRuntimeMode}) with the Flink configuration of the deployment's ConfigMap and the
 * pod's {@code -D} args. In application mode ({@code standalone-job}) it starts the job as Flink
 * would: entry class from {@code --job-classname}, arguments after the options, restored from
 * {@code --fromSavepoint}. When that pod goes away or its container restarts, the runtime stops;
 * jobs it had not ended are kept as SUSPENDED. A new Ready pod gets a fresh runtime. The REST
 * Service keeps one address per JobManager (the runtime's port is reserved), so a client built
 * before a restart reaches the new runtime. A runtime that does not start (a MiniCluster refusing
 * the configuration) leaves a {@code FlinkFailed} Warning Event on the Deployment and is not tried
 * again for that pod.
 *
 * <p><b>TaskManagers.</b> The runtime is told how many of the deployment's TaskManager pods are
 * ready, whenever that changes; with {@code scheduler-mode: reactive} (the SDK's {@code
 * hpa-reactive} autoscaling) a simulated job's {@link #parallelism} follows their slots. A
 * MiniCluster runs one TaskManager of its own, with as many slots as {@code parallelism.default}
 * needs and at least {@code taskmanager.numberOfTaskSlots}.
 *
 * <p><b>Not simulated:</b> Kubernetes HA recovery (a restarted JobManager does not resume from its
 * latest checkpoint, only from {@code --fromSavepoint}); a JobManager process exiting when its
 * application job ends; the pod readiness waiting for Flink (the runtime starts once the pod is
 * Ready).
 *
 * <p>Thread-safe.
 */
public final class FlinkJobManager {

    private final String namespace;
    private final String name;
    private final FlinkRuntimeSupply supply;
    private final List<SimulatedJob> pastJobs = new ArrayList<>();
    private final List<SimulatedSavepoint> pastSavepoints = new ArrayList<>();
    private int port;
    private JobManagerProcess process;
    private String podIncarnation;
    private int starts;
    private int pendingSavepointFaults;
    private int pendingSubmissionFaults;
    private int readyTaskManagers = -1;
    private final Set<String> failingImages = new HashSet<>();

    FlinkJobManager(String namespace, String name, FlinkRuntimeSupply supply) {
        this.namespace = namespace;
        this.name = name;
        this.supply = supply;
        this.port = supply.reservePort();
    }

    /** The namespace of the deployment. */
    public String namespace() {
        return namespace;
    }

    /** The deployment name (the spec's {@code name}). */
    public String name() {
        return name;
    }

    /** Whether a runtime serves the JobManager now (a Ready pod runs it). */
    public synchronized boolean isRunning() {
        return process != null;
    }

    /** How many runtimes have started for this JobManager so far (one per JobManager process). */
    public synchronized int runtimeStarts() {
        return starts;
    }

    /**
     * The address of the JobManager's REST API in the test JVM, what its REST Service leads to;
     * nothing answers there while {@link #isRunning()} is false (as a Service without endpoints).
     */
    public synchronized URI restAddress() {
        return process != null ? process.restAddress() : supply.address(port);
    }

    /**
     * How many of the deployment's TaskManager pods are ready, as the runtime was last told; 0
     * before any is.
     */
    public synchronized int readyTaskManagers() {
        return Math.max(0, readyTaskManagers);
    }

    /**
     * A job's parallelism now, in the running runtime: as submitted, or with {@code scheduler-mode:
     * reactive} every slot of the ready TaskManagers. Empty when no runtime runs the job, or in
     * {@link FlinkRuntimeMode#MINI_CLUSTER}.
     */
    public synchronized OptionalInt parallelism(JobID jobId) {
        return process == null ? OptionalInt.empty() : process.parallelism(jobId);
    }

    /**
     * How often reactive mode restarted a job of the running runtime with another parallelism;
     * empty when no runtime runs it, or in {@link FlinkRuntimeMode#MINI_CLUSTER}.
     */
    public synchronized OptionalInt rescales(JobID jobId) {
        return process == null ? OptionalInt.empty() : process.rescales(jobId);
    }

    /** The runtime serving the JobManager now, for tests that drive it directly. */
    public synchronized Optional<FlinkRuntime> runtime() {
        return Optional.ofNullable(process).map(JobManagerProcess::runtime);
    }

    /** Every job of every runtime of this JobManager, oldest first. */
    public synchronized List<SimulatedJob> jobs() {
        List<SimulatedJob> jobs = new ArrayList<>(pastJobs);
        if (process != null) {
            jobs.addAll(process.jobs());
        }
        return List.copyOf(jobs);
    }

    /** The newest job: the one a test of "the job" usually means. */
    public Optional<SimulatedJob> latestJob() {
        List<SimulatedJob> jobs = jobs();
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(jobs.size() - 1));
    }

    /** Every savepoint completed by any runtime of this JobManager, oldest first. */
    public synchronized List<SimulatedSavepoint> savepoints() {
        List<SimulatedSavepoint> savepoints = new ArrayList<>(pastSavepoints);
        if (process != null) {
            savepoints.addAll(process.savepoints());
        }
        return List.copyOf(savepoints);
    }

    /** The newest completed savepoint, if any. */
    public Optional<SimulatedSavepoint> lastSavepoint() {
        List<SimulatedSavepoint> savepoints = savepoints();
        return savepoints.isEmpty()
                ? Optional.empty()
                : Optional.of(savepoints.get(savepoints.size() - 1));
    }

    /**
     * The savepoint or checkpoint a job was started from; empty without state or if unknown. On a
     * MiniCluster, what Flink's checkpoint statistics report it restored ({@code latest.restored}),
     * not what the JobManager was told to restore.
     */
    public Optional<String> restoredFrom(JobID jobId) {
        return jobs().stream()
                .filter(j -> j.id().equals(jobId))
                .findFirst()
                .flatMap(SimulatedJob::restoredFrom);
    }

    /**
     * Completes a checkpoint of a RUNNING job in the running runtime, now on the cluster's clock,
     * as its checkpoint coordinator would at the next interval: {@code GET
     * /jobs/:jobid/checkpoints} then reports it as the latest completed checkpoint. Simulated
     * runtime only.
     *
     * @return the checkpoint's id
     * @throws IllegalStateException when no runtime runs, or the job is not RUNNING
     * @throws IllegalArgumentException when the running runtime does not know the job
     * @throws UnsupportedOperationException in {@link FlinkRuntimeMode#MINI_CLUSTER}
     */
    public synchronized long completeCheckpoint(JobID jobId) {
        requireSimulated("completeCheckpoint");
        if (process == null) {
            throw new IllegalStateException(
                    "No JobManager of " + namespace + "/" + name + " runs: nothing checkpoints");
        }
        return process.completeCheckpoint(jobId);
    }

    /**
     * Makes the next savepoint fail (a trigger, stop- or cancel-with-savepoint): in the running
     * runtime, or else in the next one to start. Simulated runtime only.
     *
     * @throws UnsupportedOperationException in {@link FlinkRuntimeMode#MINI_CLUSTER}
     */
    public synchronized void failNextSavepoint() {
        requireSimulated("failNextSavepoint");
        if (process != null) {
            process.failNextSavepoint();
        } else {
            pendingSavepointFaults++;
        }
    }

    /**
     * Fails the running job now with {@code exception} as its root exception, as a job whose
     * restart strategy gave up: the job turns FAILED, and {@code GET /jobs/:jobid/exceptions}
     * answers {@code exception} (its first line {@code class: message}, e.g. {@code
     * java.lang.IllegalStateException: no such topic}) as the newest entry of the exception
     * history. Simulated runtime only.
     *
     * @throws IllegalStateException when no runtime runs or it has no running job
     * @throws UnsupportedOperationException in {@link FlinkRuntimeMode#MINI_CLUSTER}
     */
    public synchronized void failJob(String exception) {
        requireSimulated("failJob");
        Objects.requireNonNull(exception, "exception");
        SimulatedJob job =
                process == null
                        ? null
                        : process.jobs().stream()
                                .filter(j -> !j.status().isGloballyTerminalState())
                                .reduce((first, second) -> second)
                                .orElse(null);
        if (job == null) {
            throw new IllegalStateException(
                    "No running job to fail behind "
                            + namespace
                            + "/"
                            + name
                            + ": start the deployment (and let its job start) first.");
        }
        ((SimulatedFlinkRuntime) process.runtime()).failJob(job.id(), exception);
    }

    /**
     * Makes the next job submission fail: a client's submission answers an error, and an
     * application job the next runtime starts shows up FAILED. Simulated runtime only.
     *
     * @throws UnsupportedOperationException in {@link FlinkRuntimeMode#MINI_CLUSTER}
     */
    public synchronized void failNextSubmission() {
        requireSimulated("failNextSubmission");
        if (process != null) {
            process.failNextSubmission();
        } else {
            pendingSubmissionFaults++;
        }
    }

    /**
     * Makes the application job of every JobManager pod running {@code image} fail as it starts, as
     * a release whose {@code main} crashes does: the job shows up FAILED, and a deployer upgrading
     * to that image sees its new version fail. Simulated runtime only.
     *
     * @throws UnsupportedOperationException in {@link FlinkRuntimeMode#MINI_CLUSTER}
     */
    public synchronized void failApplicationJobsOfImage(String image) {
        requireSimulated("failApplicationJobsOfImage");
        failingImages.add(Objects.requireNonNull(image, "image"));
    }

    private void requireSimulated(String fault) {
        if (supply.mode() != FlinkRuntimeMode.SIMULATED) {
            throw new UnsupportedOperationException(
                    fault
                            + "() needs FlinkRuntimeMode.SIMULATED;"
                            + " a real MiniCluster cannot be told to fail");
        }
    }

    // ---- the controller's side ------------------------------------------------------------

    /** The pod (uid and container restarts) the running runtime belongs to; null if none. */
    synchronized String podIncarnation() {
        return podIncarnation;
    }

    /**
     * The jobs of the running runtime as its {@code GET /jobs/overview} lists them, newest first
     * (as {@link io.flinkk8s.sdk.core.flink.FlinkJobClient#listJobs()} orders them); empty while no
     * runtime runs or when it does not answer, as a REST client's failed call would be taken.
     */
    synchronized List<JobSummary> runningJobs() {
        if (process == null || !process.isAlive()) {
            return List.of();
        }
        List<JobStatusMessage> listed;
        try {
            listed = process.listJobs();
        } catch (FlinkK8sException unreachable) {
            return List.of();
        }
        List<JobSummary> jobs = new ArrayList<>();
        for (JobStatusMessage m : listed) {
            jobs.add(
                    new JobSummary(
                            m.getJobId(),
                            m.getJobName(),
                            m.getJobState(),
                            Instant.ofEpochMilli(m.getStartTime())));
        }
        jobs.sort(Comparator.comparing(JobSummary::startTime).reversed());
        return jobs;
    }

    /** Tells the runtime (this one and the next) how many TaskManager pods are ready. */
    synchronized void taskManagersReady(int count) {
        readyTaskManagers = count;
        if (process != null) {
            process.taskManagers(count);
        }
    }

    /**
     * Starts a runtime for a Ready JobManager pod running {@code image}; returns a line for the
     * pod's event.
     */
    synchronized String start(
            String incarnation,
            String image,
            Map<String, String> flinkConfiguration,
            Map<String, byte[]> podFiles,
            StandaloneJobArgs args) {
        try {
            process = supply.start(flinkConfiguration, podFiles, port);
        } catch (FlinkK8sException e) {
            // no retry until the pod changes: as a JobManager that exits at start
            podIncarnation = incarnation;
            throw e;
        }
        port = process.restAddress().getPort();
        if (readyTaskManagers >= 0) {
            process.taskManagers(readyTaskManagers);
        }
        podIncarnation = incarnation;
        starts++;
        for (; pendingSavepointFaults > 0; pendingSavepointFaults--) {
            process.failNextSavepoint();
        }
        for (; pendingSubmissionFaults > 0; pendingSubmissionFaults--) {
            process.failNextSubmission();
        }
        if (args.application() && failingImages.contains(image)) {
            process.failNextSubmission();
        }
        String started = "Flink runtime (" + supply.mode() + ") serves " + process.restAddress();
        if (!args.application()) {
            return started;
        }
        String entryClass = args.entryClass() == null ? "application" : args.entryClass();
        try {
            JobID id = process.startApplicationJob(entryClass, args.jobArgs(), args.restorePath());
            return started
                    + "; application job "
                    + id
                    + " of "
                    + entryClass
                    + (args.restorePath() == null ? "" : " restored from " + args.restorePath());
        } catch (FlinkK8sException e) {
            pastJobs.add(failedApplication(entryClass, args, e));
            return started + "; application " + entryClass + " failed: " + e.getMessage();
        }
    }

    private static SimulatedJob failedApplication(
            String entryClass, StandaloneJobArgs args, Exception cause) {
        return new SimulatedJob(
                new JobID(),
                entryClass,
                JobStatus.FAILED,
                JobOrigin.APPLICATION,
                args.restorePath() == null
                        ? SavepointRestoreSettings.none()
                        : SavepointRestoreSettings.forPath(args.restorePath()),
                entryClass,
                args.jobArgs(),
                null,
                String.valueOf(cause.getMessage()));
    }

    /** Stops the running runtime, keeping what it did; does nothing if none runs. */
    synchronized void stop() {
        if (process == null) {
            podIncarnation = null; // a pod whose runtime did not start
            return;
        }
        JobManagerProcess stopping = process;
        process = null;
        podIncarnation = null;
        if (stopping.isAlive()) {
            pastSavepoints.addAll(stopping.savepoints());
            for (SimulatedJob job : stopping.jobs()) {
                pastJobs.add(job.status().isGloballyTerminalState() ? job : suspended(job));
            }
        }
        stopping.stop();
    }

    private static SimulatedJob suspended(SimulatedJob job) {
        return new SimulatedJob(
                job.id(),
                job.name(),
                JobStatus.SUSPENDED,
                job.origin(),
                job.restoreSettings(),
                job.entryClass(),
                job.arguments(),
                job.jarId(),
                job.failureCause());
    }

    @Override
    public synchronized String toString() {
        return "Flink of "
                + namespace
                + "/"
                + name
                + (process == null ? " (not running)" : " at " + process.restAddress())
                + ", jobs "
                + jobs().stream().map(j -> j.id() + " " + j.status()).toList()
                + ", savepoints "
                + savepoints().stream().map(SimulatedSavepoint::path).toList();
    }
}
