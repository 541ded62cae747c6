package io.flinkk8s.sdk.testkit.flink;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.ApplicationID;
import org.apache.flink.api.common.JobStatus;

/**
 * The mutable state of one simulated job. Not thread-safe: only {@link SimulatedDispatcher} touches
 * it, under its lock.
 */
final class JobEntry {

    private final JobSubmission submission;
    private final ApplicationID applicationId = new ApplicationID();
    private final Map<JobStatus, Long> timestamps = new EnumMap<>(JobStatus.class);
    private JobStatus status;
    private String failureCause;
    private JobTopology topology;
    private int rescales;

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

    SimulatedJob snapshot() {
        return new SimulatedJob(
                submission.id(),
                submission.name(),
                status,
                submission.origin(),
                submission.restoreSettings(),
                submission.entryClass(),
                submission.arguments(),
                submission.jarId(),
                failureCause);
    }
}
