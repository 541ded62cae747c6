package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobCheckpoints;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * Flink job control for one deployment: finds its JobManager's REST endpoint through the options'
 * resolver (anew for every call, so a rolled-out JobManager is found) and runs one {@link
 * FlinkJobClient} call against it, with the deployer's client for that endpoint ({@link
 * FlinkClients}: reused, replaced when the endpoint stopped answering).
 */
public final class JobControl {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    /** Job control of the deployment {@code namespace/name}. */
    public JobControl(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * The job an application cluster runs: the newest job that has not ended, else the newest job;
     * empty when the JobManager lists none.
     *
     * @throws FlinkJobException when the JobManager cannot be reached
     */
    public Optional<JobSummary> currentJob() {
        return current(call(FlinkJobClient::listJobs));
    }

    private static Optional<JobSummary> current(List<JobSummary> jobs) {
        return jobs.stream()
                .filter(j -> !j.status().isGloballyTerminalState())
                .findFirst()
                .or(() -> jobs.stream().findFirst());
    }

    /**
     * The job an application cluster runs ({@link #currentJob}) with its latest checkpoint and
     * savepoint and what it was restored from, read through one client; a job whose checkpoints
     * cannot be read has none.
     *
     * @throws FlinkJobException when the JobManager cannot be reached
     */
    public Optional<JobInfo> currentJobInfo() {
        return call(
                c -> {
                    Optional<JobSummary> job = current(c.listJobs());
                    if (job.isEmpty()) {
                        return Optional.empty();
                    }
                    JobCheckpoints checkpoints;
                    try {
                        checkpoints = c.latestCheckpoints(job.get().id());
                    } catch (FlinkJobException e) {
                        checkpoints = JobCheckpoints.none();
                    }
                    JobSummary j = job.get();
                    return Optional.of(
                            new JobInfo(
                                    j.id().toHexString(),
                                    j.name(),
                                    j.status(),
                                    checkpoints.lastCheckpoint(),
                                    checkpoints.lastSavepoint(),
                                    checkpoints.restored(),
                                    j.status() == JobStatus.FAILED
                                            ? rootException(c, j.id()).orElse(null)
                                            : null));
                });
    }

    /**
     * Flink's root exception of a failed job, in one line; empty when it has none or the JobManager
     * did not answer (the failure itself is known from the job's state).
     */
    public Optional<String> rootException(JobID job) {
        try {
            return call(c -> rootException(c, job));
        } catch (FlinkJobException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> rootException(FlinkJobClient c, JobID job) {
        try {
            return c.rootException(job);
        } catch (FlinkJobException e) {
            return Optional.empty();
        }
    }

    /**
     * The job {@code id} as the JobManager lists it; empty when it does not know the job.
     *
     * @throws FlinkJobException when the JobManager cannot be reached
     */
    public Optional<JobSummary> job(JobID id) {
        return call(c -> c.listJobs().stream().filter(j -> j.id().equals(id)).findFirst());
    }

    /**
     * The job {@code id} with its latest checkpoint and savepoint and what it was restored from
     * (none when they cannot be read); empty when the JobManager does not know the job.
     *
     * @throws FlinkJobException when the JobManager cannot be reached
     */
    public Optional<JobInfo> jobInfo(JobID id) {
        return call(
                c -> {
                    Optional<JobSummary> job =
                            c.listJobs().stream().filter(j -> j.id().equals(id)).findFirst();
                    return job.map(j -> info(c, j, checkpoints(c, id)));
                });
    }

    private static JobCheckpoints checkpoints(FlinkJobClient c, JobID id) {
        try {
            return c.latestCheckpoints(id);
        } catch (FlinkJobException e) {
            return JobCheckpoints.none();
        }
    }

    /** The job's info, with Flink's root exception when it FAILED. */
    private static JobInfo info(FlinkJobClient c, JobSummary j, JobCheckpoints checkpoints) {
        return new JobInfo(
                j.id().toHexString(),
                j.name(),
                j.status(),
                checkpoints.lastCheckpoint(),
                checkpoints.lastSavepoint(),
                checkpoints.restored(),
                j.status() == JobStatus.FAILED ? rootException(c, j.id()).orElse(null) : null);
    }

    /**
     * Uploads {@code jar} to this (session) cluster.
     *
     * @return the jar's id on the cluster
     * @throws FlinkJobException when the upload fails
     */
    public String uploadJar(Path jar) {
        return call(c -> c.uploadJar(jar));
    }

    /**
     * Runs the uploaded jar {@code jarId} as the job {@code jobId}, with Flink options of its own.
     *
     * @throws FlinkJobException when Flink refuses the run
     */
    public void runJar(String jarId, JarRun run, JobID jobId, Map<String, String> configuration) {
        call(c -> c.runJar(jarId, run, jobId, configuration));
    }

    /** Stops {@code job} with a savepoint into {@code directory}; returns its path. */
    public String stopWithSavepoint(JobID job, String directory) {
        return call(c -> c.stopWithSavepoint(job, directory, ctx.options().savepointTimeout()));
    }

    /** Takes a savepoint of {@code job} into {@code directory}; returns its path. */
    public String triggerSavepoint(JobID job, String directory) {
        return call(c -> c.triggerSavepoint(job, directory, ctx.options().savepointTimeout()));
    }

    /** Cancels {@code job}. */
    public void cancel(JobID job) {
        call(
                c -> {
                    c.cancel(job);
                    return null;
                });
    }

    /** Runs one job-control operation, after taking a permit of the deployer's request rate. */
    <T> T call(Function<FlinkJobClient, T> operation) {
        ctx.requests().acquire();
        return ctx.flinkClients().call(endpoint(), ctx.options().flinkRequestTimeout(), operation);
    }

    private URI endpoint() {
        String service = ResourceNames.of(name).restService();
        try {
            return ctx.options()
                    .restEndpointResolver()
                    .resolve(namespace, service, FlinkPorts.REST);
        } catch (RuntimeException e) {
            throw new FlinkJobException(
                    "Could not find the REST endpoint of the JobManager of "
                            + namespace
                            + "/"
                            + name
                            + " (Service "
                            + service
                            + "): "
                            + Retrier.describe(e)
                            + ". Check that the JobManager is ready and that the deployer's"
                            + " RestEndpointResolver suits where it runs.",
                    e);
        }
    }
}
