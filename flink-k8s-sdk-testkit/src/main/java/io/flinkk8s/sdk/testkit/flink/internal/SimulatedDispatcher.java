package io.flinkk8s.sdk.testkit.flink.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.client.DuplicateJobSubmissionException;
import org.apache.flink.runtime.client.JobSubmissionException;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.messages.FlinkJobNotFoundException;
import org.apache.flink.runtime.messages.FlinkJobTerminatedWithoutCancellationException;
import org.apache.flink.runtime.messages.webmonitor.ClusterOverview;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.handler.async.CompletedOperationCache;
import org.apache.flink.runtime.rest.handler.async.OperationResult;
import org.apache.flink.runtime.rest.handler.job.AsynchronousJobOperationKey;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.state.memory.NonPersistentMetadataCheckpointStorageLocation;
import org.apache.flink.util.FileUtils;
import org.apache.flink.util.FlinkException;

/**
 * The simulated JobManager's dispatcher: the jobs, their lifecycle, savepoints and the faults a
 * test asked for. Thread-safe: REST handlers call it from Netty threads while the test calls it
 * from its own thread; one lock guards everything.
 *
 * <p>Where it answers like Flink's {@code Dispatcher} (same exception types, so Flink's handlers
 * map them to the same HTTP status): unknown jobs ({@link FlinkJobNotFoundException}), savepoints
 * of jobs that no longer run (also {@link FlinkJobNotFoundException}), savepoints of jobs whose
 * tasks are not running yet ({@link CheckpointException}), cancelling a finished job ({@link
 * FlinkJobTerminatedWithoutCancellationException}) and duplicate submissions. Savepoint operations
 * are kept in Flink's own {@link CompletedOperationCache}, so triggers are idempotent per trigger
 * id and unknown trigger ids answer 404 as on a real cluster.
 */
public final class SimulatedDispatcher {

    static final String SUBMISSION_FAULT =
            "Simulated submission failure requested by SimulatedFlinkRuntime.failNextSubmission()";
    static final String SAVEPOINT_FAULT =
            "Simulated savepoint failure requested by SimulatedFlinkRuntime.failNextSavepoint().";

    private final Object lock = new Object();
    private final Clock clock;
    private final boolean startJobsImmediately;
    private final int slotsPerTaskManager;
    private final Reactive reactive;
    private int taskManagers;
    private final Map<JobID, JobEntry> jobs = new LinkedHashMap<>();
    private final List<SavepointTaken> savepoints = new ArrayList<>();
    // made on the first savepoint (guarded by lock): Flink's cache loads a Guava cache with it
    private CompletedOperationCache<AsynchronousJobOperationKey, String> savepointOperations;
    private int pendingSubmissionFaults;
    private int pendingSavepointFaults;

    /**
     * Flink's reactive mode: whether it is on, and the highest parallelism it gives a job ({@code
     * pipeline.max-parallelism}, else Flink's bound of 2^15).
     */
    public record Reactive(boolean enabled, int maxParallelism) {}

    /** A dispatcher with no job yet. */
    public SimulatedDispatcher(
            Clock clock,
            boolean startJobsImmediately,
            int taskManagers,
            int slotsPerTaskManager,
            Reactive reactive) {
        this.clock = clock;
        this.startJobsImmediately = startJobsImmediately;
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.reactive = reactive;
    }

    // ---- submissions ------------------------------------------------------------------------

    /** Accepts a job from a client (plan submit or jar run), or fails it as Flink would. */
    void submit(JobSubmission submission) throws FlinkException {
        synchronized (lock) {
            JobID id = submission.id();
            if (jobs.containsKey(id)) {
                throw jobs.get(id).status().isGloballyTerminalState()
                        ? DuplicateJobSubmissionException.ofGloballyTerminated(id)
                        : DuplicateJobSubmissionException.of(id);
            }
            if (pendingSubmissionFaults > 0) {
                pendingSubmissionFaults--;
                throw new JobSubmissionException(id, SUBMISSION_FAULT);
            }
            register(submission);
        }
    }

    /**
     * Starts a job as an application cluster does. A pending submission fault does not throw: as on
     * a real application cluster whose {@code main} failed, the job shows up FAILED.
     */
    public void startApplication(JobSubmission submission) {
        synchronized (lock) {
            JobEntry job = register(submission);
            if (pendingSubmissionFaults > 0) {
                pendingSubmissionFaults--;
                job.fail(SUBMISSION_FAULT, clock.millis());
            }
        }
    }

    private JobEntry register(JobSubmission submission) {
        JobEntry job = new JobEntry(submission, clock.millis());
        jobs.put(submission.id(), job);
        if (reactive.enabled() && reactiveParallelism() > 0) {
            // reactive mode ignores the job's parallelism and gives it every slot there is
            job.runWith(reactiveParallelism(), reactive.maxParallelism());
        }
        if (startJobsImmediately && !waitsForSlots()) {
            job.moveTo(JobStatus.RUNNING, clock.millis());
        }
        return job;
    }

    // ---- task managers and reactive mode ----------------------------------------------------

    /**
     * Sets how many TaskManagers are connected. In reactive mode every job that has not ended is
     * restarted at once with a parallelism of all slots (capped by the max parallelism); without
     * slots it waits in CREATED, and runs again when slots come back.
     */
    public void taskManagers(int count) {
        synchronized (lock) {
            if (count == taskManagers) {
                return;
            }
            taskManagers = count;
            if (!reactive.enabled()) {
                return;
            }
            int parallelism = reactiveParallelism();
            for (JobEntry job : jobs.values()) {
                if (job.status().isGloballyTerminalState()) {
                    continue;
                }
                if (parallelism > 0 && parallelism != job.parallelism()) {
                    job.rescale(parallelism, reactive.maxParallelism());
                }
                if (waitsForSlots() && job.status() == JobStatus.RUNNING) {
                    job.moveTo(JobStatus.CREATED, clock.millis());
                } else if (!waitsForSlots()
                        && job.status() == JobStatus.CREATED
                        && startJobsImmediately) {
                    job.moveTo(JobStatus.RUNNING, clock.millis());
                }
            }
        }
    }

    /** How many TaskManagers are connected now. */
    public int taskManagers() {
        synchronized (lock) {
            return taskManagers;
        }
    }

    private int reactiveParallelism() {
        return Math.min(taskManagers * slotsPerTaskManager, reactive.maxParallelism());
    }

    /** Whether reactive mode has no slot to run a job on. */
    private boolean waitsForSlots() {
        return reactive.enabled() && taskManagers * slotsPerTaskManager == 0;
    }

    // ---- steps a test drives ----------------------------------------------------------------

    /** Moves a CREATED job to RUNNING. */
    public void run(JobID id) {
        synchronized (lock) {
            JobEntry job = requireIn(id, "runJob", JobStatus.CREATED);
            job.moveTo(JobStatus.RUNNING, clock.millis());
        }
    }

    /** Ends a job as FINISHED. */
    public void complete(JobID id) {
        synchronized (lock) {
            JobEntry job = requireIn(id, "completeJob", JobStatus.CREATED, JobStatus.RUNNING);
            job.moveTo(JobStatus.FINISHED, clock.millis());
        }
    }

    /** Ends a job as FAILED with {@code reason}. */
    public void fail(JobID id, String reason) {
        synchronized (lock) {
            JobEntry job = requireIn(id, "failJob", JobStatus.CREATED, JobStatus.RUNNING);
            job.fail(reason, clock.millis());
        }
    }

    /** Fails one more job submission. */
    public void failNextSubmission() {
        synchronized (lock) {
            pendingSubmissionFaults++;
        }
    }

    /** Fails one more savepoint. */
    public void failNextSavepoint() {
        synchronized (lock) {
            pendingSavepointFaults++;
        }
    }

    private JobEntry requireIn(JobID id, String step, JobStatus... allowed) {
        JobEntry job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException(
                    step
                            + ": no job "
                            + id
                            + " in this SimulatedFlinkRuntime; jobs: "
                            + jobs.keySet());
        }
        for (JobStatus status : allowed) {
            if (job.status() == status) {
                return job;
            }
        }
        throw new IllegalStateException(
                step
                        + ": job "
                        + id
                        + " is "
                        + job.status()
                        + ", expected one of "
                        + List.of(allowed));
    }

    // ---- what the REST handlers ask ---------------------------------------------------------

    void cancel(JobID id) throws FlinkException {
        synchronized (lock) {
            JobEntry job = existing(id);
            if (job.status() == JobStatus.CANCELED) {
                return; // Flink acknowledges cancelling a cancelled job again
            }
            if (job.status().isGloballyTerminalState()) {
                throw new FlinkJobTerminatedWithoutCancellationException(id, job.status());
            }
            job.moveTo(JobStatus.CANCELED, clock.millis());
        }
    }

    /**
     * Registers a savepoint operation under its key, once: like Flink's dispatcher, a trigger
     * always succeeds and the outcome is read with {@link #savepointStatus}. The operation
     * completes before this returns, so the client's first status poll sees it.
     */
    void triggerSavepoint(
            AsynchronousJobOperationKey key,
            String directory,
            SavepointFormatType formatType,
            TriggerSavepointMode mode) {
        synchronized (lock) {
            if (!savepointOperations().containsOperation(key)) {
                savepointOperations()
                        .registerOngoingOperation(
                                key, takeSavepoint(key.getJobId(), directory, formatType, mode));
            }
        }
    }

    /** Empty when no operation was triggered under {@code key}. */
    Optional<OperationResult<String>> savepointStatus(AsynchronousJobOperationKey key) {
        synchronized (lock) {
            return savepointOperations().get(key);
        }
    }

    /** The savepoint operations; the caller holds {@code lock}. */
    private CompletedOperationCache<AsynchronousJobOperationKey, String> savepointOperations() {
        if (savepointOperations == null) {
            savepointOperations =
                    new CompletedOperationCache<>(
                            RestOptions.ASYNC_OPERATION_STORE_DURATION.defaultValue());
        }
        return savepointOperations;
    }

    private CompletableFuture<String> takeSavepoint(
            JobID id, String directory, SavepointFormatType formatType, TriggerSavepointMode mode) {
        JobEntry job = jobs.get(id);
        if (job == null || job.status().isGloballyTerminalState()) {
            return CompletableFuture.failedFuture(new FlinkJobNotFoundException(id));
        }
        if (job.status() != JobStatus.RUNNING) {
            return CompletableFuture.failedFuture(
                    new CheckpointException(
                            "Failed to trigger savepoint.",
                            CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING));
        }
        if (pendingSavepointFaults > 0) {
            pendingSavepointFaults--;
            return CompletableFuture.failedFuture(
                    new CheckpointException(
                            SAVEPOINT_FAULT, CheckpointFailureReason.CHECKPOINT_DECLINED));
        }
        String path = savepointPath(directory, id);
        savepoints.add(new SavepointTaken(id, path, formatType, mode));
        job.addSnapshot(
                mode == TriggerSavepointMode.SAVEPOINT
                                || mode == TriggerSavepointMode.CANCEL_WITH_SAVEPOINT
                        ? JobEntry.SAVEPOINT
                        : JobEntry.SYNC_SAVEPOINT,
                path,
                clock.millis());
        JobStatus after = statusAfter(mode);
        if (after != JobStatus.RUNNING) {
            job.moveTo(after, clock.millis());
        }
        return CompletableFuture.completedFuture(path);
    }

    /**
     * Flink's file-system storage names savepoints {@code savepoint-<jobid[0..6]>-<random>} and
     * reports a directory without a scheme as a local one ({@code /sp} becomes {@code file:/sp}),
     * as measured against a MiniCluster.
     */
    private static String savepointPath(String directory, JobID id) {
        Path base = qualified(directory);
        String prefix = "savepoint-" + id.toString().substring(0, 6) + "-";
        return new Path(base, FileUtils.getRandomFilename(prefix)).toString();
    }

    private static Path qualified(String directory) {
        Path base = new Path(directory);
        return base.toUri().getScheme() == null
                ? base.makeQualified(FileSystem.getLocalFileSystem())
                : base;
    }

    private static JobStatus statusAfter(TriggerSavepointMode mode) {
        return switch (mode) {
            case SAVEPOINT -> JobStatus.RUNNING;
            case CANCEL_WITH_SAVEPOINT -> JobStatus.CANCELED;
            case SUSPEND_WITH_SAVEPOINT, TERMINATE_WITH_SAVEPOINT -> JobStatus.FINISHED;
        };
    }

    /**
     * Completes a checkpoint of a RUNNING job, written under {@code directory} as Flink's
     * file-system storage names it ({@code <directory>/<job id>/chk-<id>}), or kept in the
     * JobManager's memory when {@code directory} is null.
     *
     * @return the checkpoint's id
     */
    public long completeCheckpoint(JobID id, String directory) {
        synchronized (lock) {
            JobEntry job = jobs.get(id);
            if (job == null) {
                throw new IllegalArgumentException("Unknown job " + id);
            }
            if (job.status() != JobStatus.RUNNING) {
                throw new IllegalStateException(
                        "Job " + id + " is " + job.status() + "; only a RUNNING job checkpoints");
            }
            long next = job.snapshots().size() + 1L;
            String path =
                    directory == null
                            ? NonPersistentMetadataCheckpointStorageLocation.EXTERNAL_POINTER
                            : new Path(new Path(qualified(directory), id.toString()), "chk-" + next)
                                    .toString();
            return job.addSnapshot(JobEntry.CHECKPOINT, path, clock.millis()).id();
        }
    }

    CheckpointingStatistics checkpointingStatistics(JobID id) throws FlinkJobNotFoundException {
        synchronized (lock) {
            return FlinkRestViews.checkpointingStatistics(existing(id));
        }
    }

    JobStatus status(JobID id) throws FlinkJobNotFoundException {
        synchronized (lock) {
            return existing(id).status();
        }
    }

    JobResult result(JobID id) throws FlinkJobNotFoundException {
        synchronized (lock) {
            return FlinkRestViews.jobResult(existing(id));
        }
    }

    JobDetailsInfo jobDetailsInfo(JobID id) throws FlinkJobNotFoundException {
        synchronized (lock) {
            return FlinkRestViews.jobDetailsInfo(existing(id), clock.millis());
        }
    }

    JobExceptionsInfoWithHistory exceptions(JobID id) throws FlinkJobNotFoundException {
        synchronized (lock) {
            return FlinkRestViews.exceptions(existing(id));
        }
    }

    MultipleJobsDetails jobsDetails() {
        synchronized (lock) {
            long now = clock.millis();
            return new MultipleJobsDetails(
                    jobs.values().stream()
                            .map(job -> FlinkRestViews.jobDetails(job, now))
                            .toList());
        }
    }

    ClusterOverview clusterOverview() {
        synchronized (lock) {
            return FlinkRestViews.clusterOverview(jobs.values(), taskManagers, slotsPerTaskManager);
        }
    }

    private JobEntry existing(JobID id) throws FlinkJobNotFoundException {
        JobEntry job = jobs.get(id);
        if (job == null) {
            throw new FlinkJobNotFoundException(id);
        }
        return job;
    }

    // ---- what the test reads ----------------------------------------------------------------

    /** Every job, in arrival order. */
    public List<JobView> jobs() {
        synchronized (lock) {
            return jobs.values().stream().map(JobEntry::snapshot).toList();
        }
    }

    /** One job, if known. */
    public Optional<JobView> job(JobID id) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(id)).map(JobEntry::snapshot);
        }
    }

    /** A job's parallelism now, if known. */
    public OptionalInt parallelism(JobID id) {
        synchronized (lock) {
            JobEntry job = jobs.get(id);
            return job == null ? OptionalInt.empty() : OptionalInt.of(job.parallelism());
        }
    }

    /** How often reactive mode rescaled a job, if known. */
    public OptionalInt rescales(JobID id) {
        synchronized (lock) {
            JobEntry job = jobs.get(id);
            return job == null ? OptionalInt.empty() : OptionalInt.of(job.rescales());
        }
    }

    /** Every completed savepoint, in order. */
    public List<SavepointTaken> savepoints() {
        synchronized (lock) {
            return List.copyOf(savepoints);
        }
    }
}
