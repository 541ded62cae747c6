package io.flinkk8s.sdk.testkit.flink.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ApplicationID;
import org.apache.flink.api.common.JobStatus;

/**
 * The mutable state of one simulated job. Not thread-safe: only {@link SimulatedDispatcher} touches
 * it, under its lock.
 */
public final class JobEntry {

    private final JobSubmission submission;
    private final ApplicationID applicationId = new ApplicationID();
    private final Map<JobStatus, Long> timestamps = new EnumMap<>(JobStatus.class);
    private JobStatus status;
    private String failureCause;
    private JobTopology topology;
    private int rescales;

    /** Flink's REST checkpoint type of a periodic checkpoint. */
    static final String CHECKPOINT = "CHECKPOINT";

    /** Flink's REST checkpoint type of a savepoint. */
    static final String SAVEPOINT = "SAVEPOINT";

    /** Flink's REST checkpoint type of a stop-with-savepoint's savepoint. */
    static final String SYNC_SAVEPOINT = "SYNC_SAVEPOINT";

    private final List<Snapshot> snapshots = new ArrayList<>();

    /**
     * A completed checkpoint or savepoint of the job.
     *
     * @param type Flink's REST checkpoint type: {@code CHECKPOINT}, {@code SAVEPOINT}, or {@code
     *     SYNC_SAVEPOINT} (stop-with-savepoint)
     * @param path the external path, or Flink's pointer for one that is not addressable
     */
    record Snapshot(long id, String type, String path, long triggeredAt, long completedAt) {}

    JobEntry(JobSubmission submission, long now) {
        this.submission = submission;
        this.topology = submission.topology();
        timestamps.put(JobStatus.INITIALIZING, now);
        moveTo(JobStatus.CREATED, now);
    }

    JobSubmission submission() {
        return submission;
    }

    /** Flink 2.3 runs every job inside an application, also jobs submitted as a plan. */
    ApplicationID applicationId() {
        return applicationId;
    }

    JobStatus status() {
        return status;
    }

    /** The vertices as they run now: the submitted ones, rescaled by reactive mode. */
    JobTopology topology() {
        return topology;
    }

    /** The job's parallelism now: its largest vertex parallelism. */
    int parallelism() {
        return topology.vertices().stream().mapToInt(VertexSpec::parallelism).max().orElse(0);
    }

    /** How often reactive mode restarted the job with another parallelism. */
    int rescales() {
        return rescales;
    }

    /**
     * Restarts the job with every vertex at {@code parallelism}, as reactive mode does when the
     * slots change; the restart is instant in the simulation.
     */
    void rescale(int parallelism, int maxParallelism) {
        runWith(parallelism, maxParallelism);
        rescales++;
    }

    /** Sets every vertex to {@code parallelism} without counting a restart (at submission). */
    void runWith(int parallelism, int maxParallelism) {
        topology = topology.withParallelism(parallelism, maxParallelism);
    }

    /** May be null: why the job failed. */
    String failureCause() {
        return failureCause;
    }

    /** When the job reached {@code reached}, or 0 if it never did (Flink's convention). */
    long timestamp(JobStatus reached) {
        return timestamps.getOrDefault(reached, 0L);
    }

    long startTime() {
        return timestamp(JobStatus.INITIALIZING);
    }

    /** When the job reached its terminal status, or -1 while it runs (Flink's convention). */
    long endTime() {
        return status.isGloballyTerminalState() ? timestamp(status) : -1L;
    }

    void moveTo(JobStatus next, long now) {
        status = next;
        timestamps.put(next, now);
    }

    void fail(String cause, long now) {
        failureCause = cause;
        moveTo(JobStatus.FAILED, now);
    }

    /**
     * Records a completed checkpoint or savepoint; checkpoints and savepoints share one id
     * sequence, from 1, as in Flink's checkpoint coordinator.
     */
    Snapshot addSnapshot(String type, String path, long now) {
        Snapshot s = new Snapshot(snapshots.size() + 1L, type, path, now, now);
        snapshots.add(s);
        return s;
    }

    /** Every completed checkpoint and savepoint, oldest first. */
    List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    JobView snapshot() {
        return new JobView(submission, status, failureCause, startTime());
    }
}
