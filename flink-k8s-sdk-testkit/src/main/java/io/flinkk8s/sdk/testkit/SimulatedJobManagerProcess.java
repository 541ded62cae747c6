package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.testkit.flink.FlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobStatusMessage;

/** A JobManager process that is a {@link SimulatedFlinkRuntime} of its own. */
final class SimulatedJobManagerProcess implements JobManagerProcess {

    private final SimulatedFlinkRuntime runtime;

    SimulatedJobManagerProcess(SimulatedFlinkRuntime runtime) {
        this.runtime = runtime;
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
        return runtime.startApplicationJob(entryClass, args, restorePath);
    }

    @Override
    public List<SimulatedJob> jobs() {
        return runtime.jobs();
    }

    @Override
    public List<JobStatusMessage> listJobs() {
        return runtime.listJobs();
    }

    @Override
    public List<SimulatedSavepoint> savepoints() {
        return runtime.savepoints();
    }

    @Override
    public void taskManagers(int count) {
        runtime.taskManagers(count);
    }

    @Override
    public OptionalInt parallelism(JobID jobId) {
        return runtime.parallelism(jobId);
    }

    @Override
    public OptionalInt rescales(JobID jobId) {
        return runtime.rescales(jobId);
    }

    @Override
    public long completeCheckpoint(JobID jobId) {
        return runtime.completeCheckpoint(jobId);
    }

    @Override
    public void failNextSavepoint() {
        runtime.failNextSavepoint();
    }

    @Override
    public void failNextSubmission() {
        runtime.failNextSubmission();
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public void stop() {
        runtime.close();
    }
}
