package io.flinkk8s.sdk.core.deploy.internal.view;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.flink.JobCheckpoints;
import io.flinkk8s.sdk.core.internal.RootExceptions;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.util.ConfigurationException;

/**
 * Reads the current job of many deployments through one Flink {@link RestClient} (one Netty event
 * loop, however many JobManagers), with the {@code /jobs/overview} request Flink's own {@code
 * RestClusterClient.listJobs} sends. The endpoint is resolved on {@code resolving} (a port-forward
 * resolver may call the API server); the request itself is asynchronous. Every request first takes
 * a permit of the deployer's request rate, on {@code resolving} (never on the REST client's event
 * loop).
 */
final class FlinkJobReader implements AutoCloseable {

    /**
     * What one read found.
     *
     * @param job may be null: the JobManager lists no job, or did not answer
     * @param problem may be null: why the JobManager did not answer
     */
    record Read(JobInfo job, String problem) {}

    private final DeployerContext ctx;
    private final ExecutorService resolving;
    private final RestClient client;
    private final Duration timeout;

    FlinkJobReader(DeployerContext ctx, ExecutorService resolving) {
        this.ctx = ctx;
        this.resolving = resolving;
        this.timeout = ctx.options().flinkRequestTimeout();
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.CONNECTION_TIMEOUT, timeout);
        configuration.set(RestOptions.IDLENESS_TIMEOUT, timeout);
        ctx.options().restTls().ifPresent(tls -> tls.configure(configuration));
        try {
            this.client = new RestClient(configuration, resolving);
        } catch (ConfigurationException e) {
            throw new IllegalStateException(
                    "Could not create the Flink REST client of the status view"
                            + ctx.options().restTls().map(t -> " with " + t).orElse("")
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Reads the job of {@code namespace/name}; the future never fails, a failure is a problem. */
    CompletableFuture<Read> read(String namespace, String name) {
        String service = ResourceNames.of(name).restService();
        CompletableFuture<URI> endpoint =
                CompletableFuture.supplyAsync(
                        () ->
                                ctx.options()
                                        .restEndpointResolver()
                                        .resolve(namespace, service, FlinkPorts.REST),
                        resolving);
        return endpoint.thenCompose(
                        uri ->
                                overview(uri)
                                        .thenComposeAsync(
                                                d -> withCheckpoints(uri, current(d)), resolving)
                                        .thenComposeAsync(
                                                j -> withRootException(uri, j), resolving))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle(
                        (job, error) ->
                                error == null
                                        ? new Read(job, null)
                                        : new Read(null, problem(namespace, name, error)));
    }

    /**
     * The job with its latest checkpoint and savepoint and what it was restored from ({@code GET
     * /jobs/:jobid/checkpoints}, as {@code FlinkJobClient.latestCheckpoints} reads them); the job
     * without them when they cannot be read (e.g. Flink's 404 for a job without checkpoint
     * statistics).
     */
    private CompletableFuture<JobInfo> withCheckpoints(URI uri, JobInfo job) {
        if (job == null) {
            return CompletableFuture.completedFuture(null);
        }
        return folded(
                uri,
                job,
                CheckpointingStatisticsHeaders.getInstance(),
                (j, stats) -> {
                    JobCheckpoints latest = JobCheckpoints.from(stats);
                    return new JobInfo(
                            j.id(),
                            j.name(),
                            j.state(),
                            latest.lastCheckpoint(),
                            latest.lastSavepoint(),
                            latest.restored());
                });
    }

    /**
     * A FAILED job with Flink's root exception ({@code GET /jobs/:jobid/exceptions}, as {@code
     * FlinkJobClient.rootException} reads it); any other job, or one whose exceptions cannot be
     * read, as it is.
     */
    private CompletableFuture<JobInfo> withRootException(URI uri, JobInfo job) {
        if (job == null || job.state() != JobStatus.FAILED) {
            return CompletableFuture.completedFuture(job);
        }
        return folded(
                uri,
                job,
                JobExceptionsHeaders.getInstance(),
                (j, history) -> j.withRootException(RootExceptions.summary(history)));
    }

    /**
     * {@code job} with Flink's answer to one of its job requests ({@code headers}, for the job's
     * id) folded in by {@code fold}, after a permit of the request rate; {@code job} as it is when
     * the request cannot be sent or Flink does not answer it.
     */
    private <R extends ResponseBody, P extends JobMessageParameters>
            CompletableFuture<JobInfo> folded(
                    URI uri,
                    JobInfo job,
                    MessageHeaders<EmptyRequestBody, R, P> headers,
                    BiFunction<JobInfo, R, JobInfo> fold) {
        P parameters = headers.getUnresolvedMessageParameters();
        ctx.requests().acquire();
        try {
            parameters.jobPathParameter.resolve(JobID.fromHexString(job.id()));
            return client.sendRequest(
                            uri.getHost(),
                            port(uri),
                            headers,
                            parameters,
                            EmptyRequestBody.getInstance())
                    .handle((answer, error) -> error != null ? job : fold.apply(job, answer));
        } catch (java.io.IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(job);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    private CompletableFuture<MultipleJobsDetails> overview(URI uri) {
        ctx.requests().acquire();
        try {
            return client.sendRequest(uri.getHost(), port(uri), JobsOverviewHeaders.getInstance());
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The newest job that has not ended, else the newest job: what {@code JobControl} picks. */
    private static JobInfo current(MultipleJobsDetails details) {
        List<JobDetails> jobs =
                details.getJobs().stream()
                        .sorted(Comparator.comparingLong(JobDetails::getStartTime).reversed())
                        .toList();
        return jobs.stream()
                .filter(j -> !j.getStatus().isGloballyTerminalState())
                .findFirst()
                .or(() -> jobs.stream().findFirst())
                .map(j -> new JobInfo(j.getJobId().toHexString(), j.getJobName(), j.getStatus()))
                .orElse(null);
    }

    private static String problem(String namespace, String name, Throwable error) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        String reason =
                cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer in time"
                        : String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return "The JobManager REST API of "
                + namespace
                + "/"
                + name
                + " did not answer ("
                + cause.getClass().getSimpleName()
                + ": "
                + reason
                + "). Check that the JobManager is up and that the deployer's"
                + " RestEndpointResolver suits where it runs.";
    }

    @Override
    public void close() {
        client.closeAsync();
    }
}
