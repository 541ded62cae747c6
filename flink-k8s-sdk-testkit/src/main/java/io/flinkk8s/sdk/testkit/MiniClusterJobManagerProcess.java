package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.testkit.flink.FlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.JobOrigin;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * A JobManager process on a {@link MiniClusterRuntime}: its own, which stopping the process closes,
 * or one lent by the test and shared by every JobManager, where the process's jobs are the ones
 * that arrived after it started and stopping it cancels them and leaves the MiniCluster running.
 *
 * <p>What a job was restored from and its savepoints come from Flink's checkpoint statistics, not
 * from the JobManager's arguments; they know neither the savepoints' format nor how they were taken
 * ({@code DEFAULT}, {@code SAVEPOINT} stand in).
 */
final class MiniClusterJobManagerProcess implements JobManagerProcess {

    private final MiniClusterRuntime runtime;
    private final boolean owned;
    private final Set<JobID> before;
    private final Map<JobID, SimulatedJob> started = new HashMap<>();

    /**
     * @param owned whether the process is the MiniCluster's only user, and closes it when it stops
     */
    MiniClusterJobManagerProcess(MiniClusterRuntime runtime, boolean owned) {
        this.runtime = runtime;
        this.owned = owned;
        this.before =
                owned
                        ? Set.of()
                        : runtime.listJobs().stream()
                                .map(JobStatusMessage::getJobId)
                                .collect(Collectors.toSet());
    }

    @Override
    public URI restAddress() {
        return runtime.restAddress();
    }

    @Override
    public FlinkRuntime runtime() {
        return runtime;
    }

    @Override
    public JobID startApplicationJob(String entryClass, List<String> args, String restorePath) {
        JobID id = runtime.startApplicationJob(entryClass, args, restorePath);
        started.put(
                id,
                new SimulatedJob(
                        id,
                        entryClass,
                        null,
                        JobOrigin.APPLICATION,
                        // what Flink restored is read from its statistics, in jobs()
                        SavepointRestoreSettings.none(),
                        entryClass,
                        args,
                        null,
                        null));
        return id;
    }

    /**
     * Every job of the MiniCluster, as its REST API lists them (a shared one's earlier ones and
     * other JobManagers' too).
     */
    @Override
    public List<JobStatusMessage> listJobs() {
        return runtime.listJobs();
    }

    /**
     * The jobs of this process, each restored from what Flink's checkpoint statistics say ({@code
     * latest.restored}): nothing until Flink has restored the job's state.
     */
    @Override
    public List<SimulatedJob> jobs() {
        List<SimulatedJob> jobs = new ArrayList<>();
        for (JobStatusMessage m : runtime.listJobs()) {
            if (before.contains(m.getJobId())) {
                continue;
            }
            SimulatedJob known = started.get(m.getJobId());
            SavepointRestoreSettings restored =
                    runtime.restoredFrom(m.getJobId())
                            .map(SavepointRestoreSettings::forPath)
                            .orElse(SavepointRestoreSettings.none());
            jobs.add(
                    new SimulatedJob(
                            m.getJobId(),
                            m.getJobName(),
                            m.getJobState(),
                            known == null ? JobOrigin.SUBMITTED_PLAN : known.origin(),
                            restored,
                            known == null ? null : known.entryClass(),
                            known == null ? List.of() : known.arguments(),
                            null,
                            null));
        }
        return jobs;
    }

    /** A MiniCluster runs its own TaskManagers; the pods' count does not change them. */
    @Override
    public void taskManagers(int count) {}

    @Override
    public OptionalInt parallelism(JobID jobId) {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt rescales(JobID jobId) {
        return OptionalInt.empty();
    }

    @Override
    public List<SimulatedSavepoint> savepoints() {
        List<SimulatedSavepoint> savepoints = new ArrayList<>();
        for (SimulatedJob job : jobs()) {
            for (String path : runtime.savepointPaths(job.id())) {
                savepoints.add(
                        new SimulatedSavepoint(
                                job.id(),
                                path,
                                SavepointFormatType.DEFAULT,
                                TriggerSavepointMode.SAVEPOINT));
            }
        }
        return savepoints;
    }

    @Override
    public long completeCheckpoint(JobID jobId) {
        throw unsupported("completeCheckpoint");
    }

    @Override
    public void failNextSavepoint() {
        throw unsupported("failNextSavepoint");
    }

    @Override
    public void failNextSubmission() {
        throw unsupported("failNextSubmission");
    }

    private static UnsupportedOperationException unsupported(String fault) {
        return new UnsupportedOperationException(
                fault
                        + "() needs the simulated Flink runtime: a "
                        + "real MiniCluster cannot be told to fail; use FlinkRuntimeMode.SIMULATED");
    }

    @Override
    public boolean isAlive() {
        return runtime.isRunning();
    }

    @Override
    public void stop() {
        if (owned) {
            runtime.close(); // cancels its jobs
            return;
        }
        if (!runtime.isRunning()) {
            return; // the shared MiniCluster was closed first, and its jobs with it
        }
        for (SimulatedJob job : jobs()) {
            if (!job.status().isGloballyTerminalState()) {
                runtime.cancelJob(job.id());
            }
        }
    }
}
